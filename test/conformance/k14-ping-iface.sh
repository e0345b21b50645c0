# ping -I: bind to a device or a source address on a two-interface host
ip netns add h
ip netns add a
ip netns add b
ip -n h link add ea type veth peer name eth0 netns a
ip -n h link add eb type veth peer name eth0 netns b
ip -n h addr add 10.140.1.2/24 dev ea
ip -n h addr add 10.140.2.2/24 dev eb
ip -n a addr add 10.140.1.1/24 dev eth0
ip -n b addr add 10.140.2.1/24 dev eth0
ip -n h link set ea up
ip -n h link set eb up
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec h ping -c 1 -W 1 -I ea 10.140.1.1
ip netns exec h ping -c 1 -W 1 -I eb 10.140.2.1
ip netns exec h ping -c 1 -W 1 -I eb 10.140.1.1
ip netns exec h ping -c 1 -W 1 -I 10.140.1.2 10.140.1.1
ip netns exec h ping -c 1 -W 1 -I nodev0 10.140.1.1
ip netns exec h ping -c 1 -W 1 -I 10.140.9.9 10.140.1.1
ip -n h link set eb down
ip netns exec h ping -c 1 -W 1 -I eb 10.140.2.1
ip netns exec h ping -c 1 -W 1 10.140.2.1
ip -n h link set eb up
ip -n h route add default via 10.140.2.1
ip netns exec h ping -c 1 -W 1 -I ea 10.150.0.1
ip netns exec h ping -c 1 -W 1 -I ea 10.140.2.1
ip netns exec h ping -c 1 -W 1 -I eb 10.140.2.1
