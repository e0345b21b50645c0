# Network modes: none (only lo), host (the host's own stack), container: (share another's).
docker run -d --name web nginx
docker run -d --name lonely --network none alpine sleep 1000
docker run -d --name hostnet --network host alpine sleep 1000
docker run -d --name sidecar --network container:web alpine sleep 1000

# none: a namespace with nothing but lo.
docker exec lonely ip addr
docker exec lonely ping -c 1 -W 1 172.17.0.2

# host: no namespace of its own; it sees docker0 and eth0 and -p would mean nothing.
docker exec hostnet ip -br link
docker run -d --name hostweb --network host -p 8080:80 nginx

# container:web shares web's namespace: same eth0, same address, and web's port 80 is on localhost.
docker exec sidecar ip -4 addr show eth0
docker exec sidecar nc -z -w 1 127.0.0.1 80
