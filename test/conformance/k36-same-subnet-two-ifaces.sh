# The same subnet (and the same address) on two interfaces: which connected route wins
ip netns add h
ip netns add a
ip netns add b
ip -n h link add ea type veth peer name eth0 netns a
ip -n h link add eb type veth peer name eth0 netns b
ip -n a addr add 10.136.0.10/24 dev eth0
ip -n b addr add 10.136.0.20/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n h link set ea up
ip -n h link set eb up
ip -n h addr add 10.136.0.1/24 dev ea
ip -n h addr add 10.136.0.2/24 dev eb
ip -n h route show
ip netns exec h ping -c 1 -W 1 10.136.0.10
ip netns exec h ping -c 1 -W 1 10.136.0.20
ip netns exec h ping -c 1 -W 1 -I eb 10.136.0.20
ip netns exec b ping -c 1 -W 1 10.136.0.2
ip netns exec b ping -c 1 -W 1 10.136.0.1
ip -n h link set ea down
ip netns exec h ping -c 1 -W 1 10.136.0.20
ip -n h link set ea up
ip -n h neigh flush all
ip netns exec h ping -c 1 -W 1 10.136.0.20
ip -n h route get 10.136.0.20
ip -n h addr del 10.136.0.2/24 dev eb
ip -n h addr add 10.136.0.1/24 dev eb
ip -n h addr add 10.136.0.1/24 dev eb
ip -n h route show
ip netns exec b ping -c 1 -W 1 10.136.0.1
ip -n h addr del 10.136.0.1/24 dev ea
ip -n h neigh flush all
ip netns exec h ping -c 1 -W 1 10.136.0.20
ip netns exec h ping -c 1 -W 1 10.136.0.10
ip -n h route add 10.136.0.10/32 dev ea
ip netns exec h ping -c 1 -W 1 10.136.0.10
ip -n h addr add 10.136.0.3/25 dev ea
ip -n h route get 10.136.0.20
ip -n h neigh flush all
ip netns exec h ping -c 1 -W 1 10.136.0.20
