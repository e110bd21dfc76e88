#!/bin/sh
# Regenerates test/json4lua/cases.expected by running the cases under lua5.3 with the real
# JSON4Lua 1.0.1: set JSON4LUA_SRC to a checkout of github.com/craigmj/json4lua (its json/json.lua
# is used in place; nothing of it is kept in this repository).
set -eu
src=${JSON4LUA_SRC:?set JSON4LUA_SRC to a json4lua checkout}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/test/json4lua"
LUA_PATH="$src/json/?.lua" lua5.3 cases.lua > cases.expected
echo "wrote test/json4lua/cases.expected"
