# VXLAN over an underlay bridge: the switch's FORWARD policy DROP vs an ACCEPT for udp 4789, conntrack on the outer flow
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
ip netns exec sw iptables -P FORWARD DROP
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip netns exec h1 ping -c 1 -W 1 10.100.0.2
ip netns exec sw iptables -A FORWARD -p udp --dport 4789 -j ACCEPT
ip -n h1 neigh flush all
ip -n h2 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip netns exec h1 ping -c 1 -W 1 10.100.0.2
ip netns exec sw iptables -R FORWARD 1 -i br0 -o br0 -p udp --dport 4789 -m conntrack --ctstate NEW -j ACCEPT
ip -n h1 neigh flush all
ip -n h2 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip netns exec sw iptables -A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT
ip -n h1 neigh flush all
ip -n h2 neigh flush all
ip netns exec h1 ping -c 1 -W 1 10.42.0.2
ip netns exec sw iptables -R FORWARD 1 -m physdev --physdev-in p1 -p udp --dport 4789 -j ACCEPT
ip -n h1 neigh flush all
ip -n h2 neigh flush all
ip netns exec h2 ping -c 1 -W 1 10.42.0.1
ip netns exec sw iptables -P FORWARD ACCEPT
ip netns exec h1 ping -c 1 -W 1 10.100.0.2
