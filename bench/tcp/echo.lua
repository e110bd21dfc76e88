-- The benchmark's line echo as a Q-SYS script, built by `qsys2ts build` (bench/tcp/run.mjs).
server = TcpSocketServer.New()
clients = {}
server.EventHandler = function(sock)
  clients[sock] = true
  sock.EventHandler = function(s, event)
    if event == TcpSocket.Events.Data then
      local line = s:ReadLine(TcpSocket.EOL.Lf)
      while line do
        s:Write("echo:" .. line .. "\n")
        line = s:ReadLine(TcpSocket.EOL.Lf)
      end
    else
      clients[s] = nil
    end
  end
end
print(server:Listen(7000) or "ready")
