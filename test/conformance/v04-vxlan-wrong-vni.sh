# VXLAN mismatches: wrong VNI on one side, wrong dstport, then fixed by recreating the device
ip netns add h1
ip netns add h2
ip -n h1 link add phy type veth peer name phy netns h2
ip -n h1 addr add 10.100.0.1/24 dev phy
ip -n h2 addr add 10.100.0.2/24 dev phy
ip -n h1 link set phy up
ip -n h2 link set phy up
ip -n h1 link add vx0 type vxlan id 42 dstport 4789 remote 10.100.0.2 dev phy
ip -n h2 link add vx0 type vxlan id 43 dstport 4789 remote 10.100.0.1 dev phy
ip -n h1 addr add 10.42.0.1/24 dev vx0
ip -n h2 addr add 10.42.0.2/24 dev vx0
ip -n h1 link set vx0 up
ip -n h2 link set vx0 up
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip netns exec h2 ping -c 1 -W 1 10.42.0.1
ip netns exec h1 ping -c 1 -W 1 10.100.0.2
ip -n h2 link set vx0 type vxlan id 42
ip -n h2 link del vx0
ip -n h2 link add vx0 type vxlan id 42 dstport 4790 remote 10.100.0.1 dev phy
ip -n h2 addr add 10.42.0.2/24 dev vx0
ip -n h2 link set vx0 up
ip -n h1 neigh flush all
ip -n h2 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip -n h2 link del vx0
ip -n h2 link add vx0 type vxlan id 42 remote 10.100.0.1 dev phy
ip -n h2 addr add 10.42.0.2/24 dev vx0
ip -n h2 link set vx0 up
ip -n h1 neigh flush all
ip -n h2 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip -n h2 link del vx0
ip -n h2 link add vx0 type vxlan id 42 dstport 4789 remote 10.100.0.1 dev phy
ip -n h2 addr add 10.42.0.2/24 dev vx0
ip -n h2 link set vx0 up
ip -n h1 neigh flush all
ip -n h2 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip netns exec h2 ping -c 1 -W 1 10.42.0.1
