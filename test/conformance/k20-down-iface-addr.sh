# Addresses on a down interface: local delivery, from a neighbour over another link, route get
ip netns add h
ip netns add a
ip -n h link add ea type veth peer name eth0 netns a
ip -n h link add dummy0 type veth peer name dpeer
ip -n h addr add 10.200.1.1/24 dev ea
ip -n a addr add 10.200.1.2/24 dev eth0
ip -n h addr add 10.201.0.1/24 dev dummy0
ip -n h link set ea up
ip -n a link set eth0 up
ip -n a route add 10.201.0.0/24 via 10.200.1.1
ip netns exec h ping -c 1 -W 1 10.201.0.1
ip -n h route get 10.201.0.1
ip -n h route get 10.201.0.5
ip netns exec a ping -c 1 -W 1 10.201.0.1
ip -n h link set lo up
ip netns exec h ping -c 1 -W 1 10.201.0.1
ip netns exec h ping -c 1 -W 1 10.201.0.5
ip -n h link set dummy0 up
ip netns exec h ping -c 1 -W 1 10.201.0.5
ip -n h link set dpeer up
ip netns exec a ping -c 1 -W 1 10.201.0.1
ip -n h link set dummy0 down
ip netns exec a ping -c 1 -W 1 10.201.0.1
ip netns exec h ping -c 1 -W 1 10.201.0.1
ip -n h route get 10.201.0.1
ip -n h route show table local
ip -n h link set ea down
ip netns exec h ping -c 1 -W 1 10.200.1.1
ip netns exec h ping -c 1 -W 1 10.200.1.2
ip -n h link set ea up
ip netns exec h ping -c 1 -W 1 10.200.1.2
ip netns exec a ping -c 1 -W 1 10.201.0.1
ip -n h addr add 10.202.0.1/24 dev dummy0
ip netns exec h ping -c 1 -W 1 10.202.0.1
ip netns exec a ping -c 1 -W 1 10.202.0.1
