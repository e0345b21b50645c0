# A VXLAN device moved to another namespace keeps its socket and underlay in the creating namespace
ip netns add h1
ip netns add h2
ip -n h1 link add phy type veth peer name phy netns h2
ip -n h1 addr add 10.100.0.1/24 dev phy
ip -n h2 addr add 10.100.0.2/24 dev phy
ip -n h1 link set phy up
ip -n h2 link set phy up
ip netns add c1
ip -n h1 link add vx0 type vxlan id 42 dstport 4789 remote 10.100.0.2 dev phy
ip -n h2 link add vx0 type vxlan id 42 dstport 4789 remote 10.100.0.1 dev phy
ip -n h2 addr add 10.42.0.2/24 dev vx0
ip -n h2 link set vx0 up
ip -n h1 link set vx0 netns c1
ip -n c1 addr add 10.42.0.1/24 dev vx0
ip -n c1 link set vx0 up
ip netns exec c1 ping -c 1 -W 1 10.42.0.2
ip netns exec h2 ping -c 1 -W 1 10.42.0.1
ip -n c1 link show vx0
ip -n h1 link show vx0
ip netns exec h1 iptables -A INPUT -p udp --dport 4789 -j DROP
ip -n c1 neigh flush all
ip netns exec c1 ping -c 1 -W 1 10.42.0.2
ip netns exec h1 iptables -F INPUT
ip netns exec c1 iptables -A INPUT -p udp --dport 4789 -j DROP
ip -n c1 neigh flush all
ip netns exec c1 ping -c 1 -W 1 10.42.0.2
ip netns exec c1 iptables -F INPUT
ip -n h1 link set phy down
ip -n c1 neigh flush all
ip netns exec c1 ping -c 1 -W 1 10.42.0.2
ip -n h1 link set phy up
ip -n h1 link add vx0 type vxlan id 42 dstport 4789 remote 10.100.0.2 dev phy
ip -n c1 link add vx1 type vxlan id 42 dstport 4789 remote 10.100.0.2
ip -n c1 link set vx0 netns h1
ip -n h1 addr add 10.42.0.1/24 dev vx0
ip -n h1 link set vx0 up
ip -n h2 neigh flush all
ip netns exec h2 ping -c 1 -W 1 10.42.0.1
ip -n c1 link set vx1 netns h1
ip -n h1 link show vx1
