# Two containers on one Linux bridge, wired the way Docker wires its default network:
# namespaces c1 and c2 each get an eth0 whose veth peer is a port of br0 in namespace "host".
ip netns add host
ip netns add c1
ip netns add c2

# The bridge lives in "host" and carries the gateway address.
ip -n host link add br0 type bridge
ip -n host addr add 10.0.0.1/24 dev br0
ip -n host link set br0 up

# One veth pair per container: the host end becomes a bridge port, the other end is eth0.
ip -n host link add veth-c1 type veth peer name eth0 netns c1
ip -n host link add veth-c2 type veth peer name eth0 netns c2
ip -n host link set veth-c1 master br0
ip -n host link set veth-c2 master br0
ip -n host link set veth-c1 up
ip -n host link set veth-c2 up

# Inside each container: an address, the links up, a default route via the bridge.
ip -n c1 addr add 10.0.0.2/24 dev eth0
ip -n c1 link set eth0 up
ip -n c1 link set lo up
ip -n c1 route add default via 10.0.0.1
ip -n c2 addr add 10.0.0.3/24 dev eth0
ip -n c2 link set eth0 up
ip -n c2 link set lo up
ip -n c2 route add default via 10.0.0.1

# c1 reaches c2 across the bridge, and c2 reaches its gateway.
ip netns exec c1 ping -c 1 -W 1 10.0.0.3
ip netns exec c2 ping -c 1 -W 1 10.0.0.1
