# VXLAN learning vs nolearning: a flood entry on one side only works because the far VTEP learns
ip netns add h1
ip netns add h2
ip -n h1 link add phy type veth peer name phy netns h2
ip -n h1 addr add 10.100.0.1/24 dev phy
ip -n h2 addr add 10.100.0.2/24 dev phy
ip -n h1 link set phy up
ip -n h2 link set phy up
ip -n h1 link add vx0 address 02:00:00:00:00:01 type vxlan id 20 dstport 4789 dev phy learning
ip -n h2 link add vx0 address 02:00:00:00:00:02 type vxlan id 20 dstport 4789 dev phy
ip -n h1 addr add 10.20.0.1/24 dev vx0
ip -n h2 addr add 10.20.0.2/24 dev vx0
ip -n h1 link set vx0 up
ip -n h2 link set vx0 up
ip netns exec h1 bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.100.0.2
ip netns exec h2 ping -c 1 -W 1 10.20.0.1
ip -n h2 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.20.0.2
ip netns exec h2 bridge fdb show dev vx0
ip netns exec h2 ping -c 1 -W 1 10.20.0.1
ip -n h2 neigh flush all
ip netns exec h2 ping -c 1 -W 1 10.20.0.1
ip -n h2 link set vx0 type vxlan nolearning
ip netns exec h2 bridge fdb del 02:00:00:00:00:01 dev vx0
ip netns exec h2 bridge fdb del 02:00:00:00:00:01 dev vx0
ip -n h1 neigh flush all
ip -n h2 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.20.0.2
ip netns exec h2 bridge fdb show dev vx0
ip -n h2 link set vx0 type vxlan learning
ip -n h1 neigh flush all
ip -n h2 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.20.0.2
ip netns exec h2 nc -l 5000 &
ip netns exec h1 nc -z -w 1 10.20.0.2 5000
