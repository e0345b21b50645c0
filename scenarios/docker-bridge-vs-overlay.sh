# Bridge versus overlay: the same two containers, web and client, and the same ping and wget, once on a bridge network inside one host and once on an overlay network across two hosts.
# Press "Bridge vs overlay" in the header to watch both conversations side by side.

# The bridge world: this machine's own Docker daemon, a user-defined bridge network "shop".
docker network create shop
docker run -d --name web --network shop nginx
docker run -d --name client --network shop alpine sleep 1000

# The overlay world: two more hosts, host1 and host2 (namespaces, each with its own Docker
# daemon), cabled to a LAN switch (namespace lan, 192.168.50.0/24).
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
ip -n host1 addr add 192.168.50.11/24 dev eth0
ip -n host2 addr add 192.168.50.12/24 dev eth0
ip -n host1 link set eth0 up
ip -n host2 link set eth0 up
ip -n host1 link set lo up
ip -n host2 link set lo up

# host1 starts a swarm, host2 joins it, and an attachable overlay network "shop" spans both
# (its own namespace on each host with br0 and vxlan0, VXLAN id 4097, MTU 1450).
ip netns exec host1 docker swarm init --advertise-addr 192.168.50.11
ip netns exec host2 docker swarm join --token $(ip netns exec host1 docker swarm join-token -q worker) 192.168.50.11:2377
ip netns exec host1 docker network create -d overlay --attachable shop
ip netns exec host1 docker run -d --name web --network shop nginx
ip netns exec host2 docker run -d --name client --network shop alpine sleep 1000

# The same ping in both worlds. On the bridge: client → veth → the bridge → veth → web.
docker exec client ping -c 1 -W 1 web
# On the overlay: client → br0 in the overlay namespace → vxlan0 wraps it in UDP 4789
# (192.168.50.12 → 192.168.50.11, VNI 4097) → host2's eth0 → the LAN → host1's eth0 → unwrapped → web.
ip netns exec host2 docker exec client ping -c 1 -W 1 web

# The same HTTP request: a TCP connection, then the page.
docker exec client wget -qO- http://web/
ip netns exec host2 docker exec client wget -qO- http://web/

# The MTU: 1472 bytes of ICMP data + 28 of headers = 1500 fill the bridge's frame exactly.
docker exec client ping -c 1 -W 1 -M do -s 1472 web
# The overlay's eth0 has an MTU of 1450 (50 bytes go to the outer Ethernet, IP, UDP and VXLAN
# headers): 1422 + 28 is the most that fits. The screen's "ping 1472 bytes" shows the bigger one refused.
ip netns exec host2 docker exec client ping -c 1 -W 1 -M do -s 1422 web
