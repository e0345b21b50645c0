# Moving a veth end to another namespace (addresses lost, link down) and deleting namespaces
ip netns add a
ip netns add b
ip netns add c
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.91.0.1/24 dev eth0
ip -n b addr add 10.91.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a ping -c 1 -W 1 10.91.0.2
ip -n b link set eth0 netns c
ip -n b link show eth0
ip netns exec a ping -c 1 -W 1 10.91.0.2
ip -n c addr del 10.91.0.2/24 dev eth0
ip -n c link set eth0 up
ip -n c addr add 10.91.0.2/24 dev eth0
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.91.0.2
ip -n c link set eth0 netns nosuchns
ip -n c link set nodev0 netns b
ip -n a route add 10.92.0.0/24 via 10.91.0.2
ip netns exec a ping -c 1 -W 1 10.92.0.7
ip netns del c
ip -n a link show eth0
ip netns exec a ping -c 1 -W 1 10.91.0.2
ip netns exec a ping -c 1 -W 1 10.92.0.7
ip -n a route del 10.92.0.0/24
ip netns del c
ip -n c link show
ip netns exec c ping -c 1 -W 1 10.91.0.1
ip -n a link add v1 type veth peer name v2
ip -n a link set v2 netns b
ip -n b link show v2
ip netns del b
ip -n a link show v1
ip netns del a
