# VXLAN learning: a MAC learned behind one VTEP moves to another VTEP; the fdb follows the latest source
ip netns add sw
ip netns add h1
ip netns add h2
ip netns add h3
ip -n sw link add br0 type bridge
ip -n sw link set br0 up
ip -n sw link add p1 type veth peer name phy netns h1
ip -n sw link add p2 type veth peer name phy netns h2
ip -n sw link add p3 type veth peer name phy netns h3
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n sw link set p3 master br0
ip -n sw link set p1 up
ip -n sw link set p2 up
ip -n sw link set p3 up
ip -n h1 addr add 10.100.0.1/24 dev phy
ip -n h2 addr add 10.100.0.2/24 dev phy
ip -n h3 addr add 10.100.0.3/24 dev phy
ip -n h1 link set phy up
ip -n h2 link set phy up
ip -n h3 link set phy up
ip -n h1 link add vx0 type vxlan id 9 dstport 4789 dev phy
ip -n h2 link add vx0 address 02:00:00:00:09:02 type vxlan id 9 dstport 4789 dev phy
ip -n h3 link add vx0 type vxlan id 9 dstport 4789 dev phy
ip netns exec h1 bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.100.0.2
ip netns exec h1 bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.100.0.3
ip -n h1 addr add 10.9.0.1/24 dev vx0
ip -n h2 addr add 10.9.0.9/24 dev vx0
ip -n h1 link set vx0 up
ip -n h2 link set vx0 up
ip -n h3 link set vx0 up
ip netns exec h1 ping -c 1 -W 1 10.9.0.9
ip -n h2 link set vx0 down
ip -n h2 link set vx0 netns sw
ip -n h3 link set vx0 address 02:00:00:00:09:02
ip -n h3 addr add 10.9.0.9/24 dev vx0
ip netns exec h1 ping -c 1 -W 1 10.9.0.9
ip netns exec h3 ping -c 1 -W 1 10.9.0.1
ip netns exec h1 ping -c 1 -W 1 10.9.0.9
ip netns exec h1 bridge fdb del 02:00:00:00:09:02 dev vx0
ip netns exec h1 bridge fdb del 02:00:00:00:09:02 dev vx0
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.9.0.9
