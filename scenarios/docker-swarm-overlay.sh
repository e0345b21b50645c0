# Two Docker hosts on one LAN, joined in a swarm, with an overlay network between them.
# Each "host" here is a network namespace with its own Docker daemon (docker runs on the
# host of the namespace you run it in; `docker -H tcp://192.168.1.12:2375 ...` works too).
ip netns add lan
ip netns add host1
ip netns add host2
ip -n lan link add br0 type bridge
ip -n lan link set br0 up
ip -n lan link add p1 type veth peer name eth0 netns host1
ip -n lan link add p2 type veth peer name eth0 netns host2
ip -n lan link set p1 master br0
ip -n lan link set p2 master br0
ip -n lan link set p1 up
ip -n lan link set p2 up
ip -n host1 addr add 192.168.1.11/24 dev eth0
ip -n host2 addr add 192.168.1.12/24 dev eth0
ip -n host1 link set eth0 up
ip -n host2 link set eth0 up
ip -n host1 link set lo up
ip -n host2 link set lo up
# host1 starts a swarm; host2 joins it with the worker token.
ip netns exec host1 docker swarm init --advertise-addr 192.168.1.11
ip netns exec host2 docker swarm join --token $(ip netns exec host1 docker swarm join-token -q worker) 192.168.1.11:2377
ip netns exec host1 docker node ls
# An attachable overlay network: 10.0.1.0/24, VXLAN id 4097, MTU 1450.
ip netns exec host1 docker network create -d overlay --attachable app-net
ip netns exec host1 docker run -d --name web --network app-net nginx
ip netns exec host2 docker run -d --name client --network app-net alpine sleep 1000
# The name resolves across hosts; the ping is wrapped in UDP 4789 between 192.168.1.11 and .12.
ip netns exec host2 docker exec client ping -c 1 -W 1 web
ip netns exec host2 docker exec client wget -qO- http://web/
# eth0 is on the overlay (MTU 1450); the default route leaves by eth1 on docker_gwbridge.
ip netns exec host2 docker exec client ip route
# 1422 bytes of ICMP data + 28 = 1450 fits; one more byte does not.
ip netns exec host2 docker exec client ping -c 1 -W 1 -M do -s 1422 web
ip netns exec host2 docker exec client ping -c 1 -W 1 -M do -s 1423 web
