# Publishing a port: docker run -p 8080:80 adds a DNAT rule so the host's port 8080 reaches the container's port 80.

docker run -d --name web -p 8080:80 nginx

# The nat table's DOCKER chain now rewrites the destination of new connections to port 8080,
# and the filter table's DOCKER chain lets them through to the container.
iptables -t nat -S DOCKER
iptables -S DOCKER

# A laptop on a link of its own to the host (10.9.0.0/24), standing in for another machine.
ip netns add laptop
ip link add lap0 type veth peer name eth0 netns laptop
ip addr add 10.9.0.1/24 dev lap0
ip link set lap0 up
ip -n laptop addr add 10.9.0.2/24 dev eth0
ip -n laptop link set eth0 up
ip -n laptop route add default via 10.9.0.1

# The laptop connects to the host's port 8080. Follow the SYN: PREROUTING's DNAT rewrites it
# to the container's 172.17.0.2:80 before routing, FORWARD lets it into docker0, and the reply
# is translated back by conntrack. The inspector shows the address before and after.
ip netns exec laptop nc -z -w 1 10.9.0.1 8080

# conntrack remembers the rewrite, both directions of the connection.
conntrack -L

# A port nobody published is refused by the host itself.
ip netns exec laptop nc -z -w 1 10.9.0.1 8081

# On the host itself, the OUTPUT chain's DOCKER jump does the same for local connections.
nc -z -w 1 10.9.0.1 8080
