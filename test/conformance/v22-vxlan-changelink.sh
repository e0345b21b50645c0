# Changing a VXLAN device in place: remote, local, dstport, dev, learning/ageing, while up and down
ip netns add h1
ip netns add h2
ip -n h1 link add phy type veth peer name phy netns h2
ip -n h1 addr add 10.100.0.1/24 dev phy
ip -n h2 addr add 10.100.0.2/24 dev phy
ip -n h2 addr add 10.100.0.3/24 dev phy
ip -n h1 link set phy up
ip -n h2 link set phy up
ip -n h1 link add vx0 type vxlan id 42 dstport 4789 remote 10.100.0.9 dev phy
ip -n h2 link add vx0 type vxlan id 42 dstport 4789 remote 10.100.0.1 local 10.100.0.2 dev phy
ip -n h1 addr add 10.42.0.1/24 dev vx0
ip -n h2 addr add 10.42.0.2/24 dev vx0
ip -n h1 link set vx0 up
ip -n h2 link set vx0 up
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip -n h1 link set vx0 type vxlan remote 10.100.0.2
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip -n h1 link set vx0 type vxlan remote 10.100.0.3
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip -n h2 link set vx0 type vxlan local 10.100.0.3
ip -n h2 link set vx0 down
ip -n h2 link set vx0 type vxlan local 10.100.0.3
ip -n h2 link set vx0 up
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip -n h1 link set vx0 type vxlan dstport 4790
ip -n h1 link set vx0 down
ip -n h1 link set vx0 type vxlan dstport 4790
ip -n h1 link set vx0 type vxlan dev lo
ip -n h1 link set vx0 type vxlan ageing 10
ip -n h1 link set vx0 type vxlan noudpcsum
ip -n h1 link set vx0 type vxlan remote 239.1.1.1
ip -n h1 link set vx0 type vxlan group 10.100.0.2
ip -n h1 link set vx0 type vxlan nolearning proxy l2miss l3miss
ip -n h1 link set vx0 up
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip -n h1 link add vx1 type vxlan id 43 dstport 4789 group 239.1.1.1
ip -n h1 link add vx1 type vxlan id 43 dstport 4789 remote 10.100.0.2 group 239.1.1.1 dev phy
ip -n h1 link add vx1 type vxlan id 43 dstport 4789 local 10.100.0.1 remote 0.0.0.0
