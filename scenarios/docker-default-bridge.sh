# Docker's default bridge: two containers on docker0, what Docker built for them, and a ping between them.

# The first container starts the daemon: it creates docker0 (172.17.0.1/16), its iptables
# chains, and for the container a network namespace with eth0 whose veth peer is a port of docker0.
docker run -d --name web nginx
docker run -d --name client alpine sleep 1000

# Each container got the lowest free address in 172.17.0.0/16 and a MAC of 02:42 followed by that address.
docker exec client ip addr show eth0
docker exec client ip route

# The ping starts with an ARP broadcast: docker0 floods it to every port; web answers.
# Watch the yellow ARP dots fan out, then the cyan ICMP echo cross the bridge and come back.
docker exec client ping -c 2 -W 1 172.17.0.2

# docker0 learned where each container's MAC lives; the client learned web's MAC.
bridge fdb show br docker0
docker exec client ip neigh

# Docker's rules: FORWARD through DOCKER-USER, DOCKER-ISOLATION-STAGE-1 and DOCKER; MASQUERADE for traffic leaving 172.17.0.0/16.
iptables -S FORWARD
iptables -t nat -S POSTROUTING
