# VXLAN through an underlay switch namespace: iptables (br_netfilter) dropping UDP 4789, then a VTEP's INPUT
ip netns add sw
ip netns add h1
ip netns add h2
ip -n sw link add br0 type bridge
ip -n sw link set br0 up
ip -n sw link add p1 type veth peer name phy netns h1
ip -n sw link add p2 type veth peer name phy netns h2
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n sw link set p1 up
ip -n sw link set p2 up
ip -n h1 addr add 10.100.0.1/24 dev phy
ip -n h2 addr add 10.100.0.2/24 dev phy
ip -n h1 link set phy up
ip -n h2 link set phy up
ip -n h1 link add vx0 type vxlan id 42 dstport 4789 remote 10.100.0.2 dev phy
ip -n h2 link add vx0 type vxlan id 42 dstport 4789 remote 10.100.0.1 dev phy
ip -n h1 addr add 10.42.0.1/24 dev vx0
ip -n h2 addr add 10.42.0.2/24 dev vx0
ip -n h1 link set vx0 up
ip -n h2 link set vx0 up
ip netns exec h2 nc -lk 8080 &
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip netns exec h1 nc -z -w 1 10.42.0.2 8080
ip netns exec sw iptables -A FORWARD -p udp --dport 8472 -j DROP
ip netns exec h1 nc -z -w 1 10.42.0.2 8080
ip netns exec sw iptables -A FORWARD -p udp --dport 4789 -j DROP
ip netns exec h1 nc -z -w 1 10.42.0.2 8080
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip netns exec h1 ping -c 1 -W 1 10.100.0.2
ip netns exec sw sysctl -w net.bridge.bridge-nf-call-iptables=0
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip netns exec sw sysctl -w net.bridge.bridge-nf-call-iptables=1
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip netns exec sw iptables -F FORWARD
ip netns exec h2 iptables -A INPUT -p udp --dport 4789 -j DROP
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip netns exec h2 ping -c 1 -W 1 10.100.0.1
ip netns exec h2 iptables -D INPUT -p udp --dport 4789 -j DROP
ip -n h1 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip netns exec h1 nc -z -w 1 10.42.0.2 8080
