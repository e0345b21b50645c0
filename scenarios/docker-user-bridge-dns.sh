# A user-defined bridge network: its own Linux bridge (br-…), its own subnet, isolated from docker0.

docker network create appnet
docker run -d --name api --network appnet alpine sleep 1000
docker run -d --name db --network appnet alpine sleep 1000
docker run -d --name outsider alpine sleep 1000

# appnet got the next free subnet, 172.18.0.0/16, on a bridge named after the network id.
docker network ls
ip -br addr show

# api reaches db on the same network.
docker exec api ping -c 1 -W 1 172.18.0.3

# outsider lives on docker0: Docker's isolation rules drop its packets to appnet in FORWARD.
# Look for the red cross and the netfilter walk in the inspector.
docker exec outsider ping -c 1 -W 1 172.18.0.2

# Docker's embedded DNS (127.0.0.11) answers container names on user-defined networks;
# in this simulator it is still being built, so this lesson uses addresses.
iptables -S DOCKER-ISOLATION-STAGE-1
