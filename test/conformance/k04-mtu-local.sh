# Local MTU: ip link set mtu, DF pings over a smaller MTU (message too long), fragmented pings
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.40.0.1/24 dev eth0
ip -n b addr add 10.40.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a ping -c 1 -W 1 -M do -s 1472 10.40.0.2
ip netns exec a ping -c 1 -W 1 -M do -s 1473 10.40.0.2
ip netns exec a ping -c 1 -W 1 -s 1473 10.40.0.2
ip netns exec a ping -c 1 -W 1 -s 4000 10.40.0.2
ip -n a link set eth0 mtu 1400
ip -n b link set eth0 mtu 1400
ip netns exec a ping -c 1 -W 1 -M do -s 1372 10.40.0.2
ip netns exec a ping -c 1 -W 1 -M do -s 1373 10.40.0.2
ip netns exec a ping -c 1 -W 1 -M do -s 1472 10.40.0.2
ip netns exec a ping -c 1 -W 1 -s 1472 10.40.0.2
ip netns exec b ping -c 1 -W 1 -s 3000 10.40.0.1
ip netns exec b ping -c 1 -W 1 -M do -s 3000 10.40.0.1
ip -n a link set eth0 mtu 67
ip -n a link set eth0 mtu 70000
ip -n a link set eth0 mtu abc
ip -n a link set nodev0 mtu 1400
ip netns exec a ping -c 1 -W 1 -M foo 10.40.0.2
ip netns exec a ping -c 1 -W 1 -s 65507 10.40.0.2
ip netns exec a ping -c 1 -W 1 -s 65508 10.40.0.2
