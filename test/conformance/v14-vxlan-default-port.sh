# VXLAN default port: both sides without dstport use 8472 and work; 8472 vs 4789 fails; dstport 0; two devices, same VNI, two ports
ip netns add h1
ip netns add h2
ip -n h1 link add phy type veth peer name phy netns h2
ip -n h1 addr add 10.100.0.1/24 dev phy
ip -n h2 addr add 10.100.0.2/24 dev phy
ip -n h1 link set phy up
ip -n h2 link set phy up
ip -n h1 link add vx0 type vxlan id 5 remote 10.100.0.2 dev phy
ip -n h2 link add vx0 type vxlan id 5 remote 10.100.0.1 dev phy
ip -n h1 addr add 10.5.0.1/24 dev vx0
ip -n h2 addr add 10.5.0.2/24 dev vx0
ip -n h1 link set vx0 up
ip -n h2 link set vx0 up
ip netns exec h1 ping -c 1 -W 1 10.5.0.2
ip netns exec h2 iptables -A INPUT -p udp --dport 8472 -j DROP
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.5.0.2
ip netns exec h2 iptables -F INPUT
ip -n h2 link del vx0
ip -n h2 link add vx0 type vxlan id 5 dstport 0 remote 10.100.0.1 dev phy
ip -n h2 addr add 10.5.0.2/24 dev vx0
ip -n h2 link set vx0 up
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.5.0.2
ip -n h2 link add vx1 type vxlan id 5 dstport 8472 remote 10.100.0.1 dev phy
ip -n h2 link add vx1 type vxlan id 5 dstport 4789 remote 10.100.0.1 dev phy
ip -n h2 addr add 10.6.0.2/24 dev vx1
ip -n h2 link set vx1 up
ip -n h1 link add vx1 type vxlan id 5 dstport 4789 remote 10.100.0.2 dev phy
ip -n h1 addr add 10.6.0.1/24 dev vx1
ip -n h1 link set vx1 up
ip netns exec h1 ping -c 1 -W 1 10.6.0.2
ip netns exec h1 ping -c 1 -W 1 10.5.0.2
ip -n h2 link set vx0 down
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.5.0.2
ip netns exec h1 ping -c 1 -W 1 10.6.0.2
ip -n h2 link add vx2 type vxlan id 6 dstport 65535 remote 10.100.0.1 dev phy
ip -n h2 link add vx3 type vxlan id 6 dstport 65536 remote 10.100.0.1 dev phy
ip -n h2 link add vx3 type vxlan id 6 port 1000 1001 dstport 4789 remote 10.100.0.1 dev phy
ip -n h2 link add vx4 type vxlan id 7 port 2000 1000 dstport 4789 remote 10.100.0.1 dev phy
