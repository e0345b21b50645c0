# ARP: failed resolution, neigh show/flush exit codes, repair then re-probe after a flush
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.20.0.1/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a neigh show
ip netns exec a ping -c 1 -W 1 10.20.0.2
ip -n a neigh show
ip -n a neigh show dev eth0
ip -n a neigh show 10.20.0.2
ip -n a neigh show dev nodev0
ip -n a neigh show frob
ip -n b addr add 10.20.0.2/24 dev eth0
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.20.0.2
ip -n a neigh show
ip netns exec b ping -c 1 -W 1 10.20.0.1
ip -n b neigh flush dev eth0
ip -n b neigh flush dev nodev0
ip -n b neigh flush
ip netns exec b ping -c 1 -W 1 10.20.0.1
ip -n b addr del 10.20.0.2/24 dev eth0
ip -n b addr add 10.20.0.3/24 dev eth0
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.20.0.2
ip netns exec a ping -c 1 -W 1 10.20.0.3
ip -n b link set eth0 down
ip netns exec a ping -c 1 -W 1 10.20.0.3
ip -n b link set eth0 up
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.20.0.3
