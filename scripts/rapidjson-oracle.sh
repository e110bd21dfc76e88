#!/bin/sh
# Regenerates test/rapidjson/cases.expected with the real lua-rapidjson 0.6.1 under lua5.3.
# Needs g++, liblua5.3-dev, and a checkout of github.com/xpol/lua-rapidjson at tag v0.6.1
# (with its bundled rapidjson headers) in $LUA_RAPIDJSON_SRC. Nothing of it is kept in this
# repository: the module is built in a temporary directory.
set -eu
src=${LUA_RAPIDJSON_SRC:?set LUA_RAPIDJSON_SRC to a lua-rapidjson v0.6.1 checkout}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
g++ -O1 -shared -fPIC -std=c++11 -I"$src/rapidjson/include" -I/usr/include/lua5.3 \
  -DLUA_RAPIDJSON_VERSION='"0.6.1"' "$src"/src/*.cpp -o "$tmp/rapidjson.so"
cd "$root/test/rapidjson"
LUA_CPATH="$tmp/?.so" lua5.3 cases.lua > cases.expected
rm -rf "$tmp"
echo "wrote test/rapidjson/cases.expected"
