# physdev in both directions: --physdev-in/--physdev-out, --physdev-is-in/-out, physdev in INPUT, errors
ip netns add host
ip netns add c1
ip netns add c2
ip -n host link add br0 type bridge
ip -n host addr add 172.23.0.1/24 dev br0
ip -n host link set br0 up
ip -n host link add v1 type veth peer name eth0 netns c1
ip -n host link add v2 type veth peer name eth0 netns c2
ip -n host link set v1 master br0
ip -n host link set v2 master br0
ip -n host link set v1 up
ip -n host link set v2 up
ip -n c1 addr add 172.23.0.2/24 dev eth0
ip -n c2 addr add 172.23.0.3/24 dev eth0
ip -n c1 link set eth0 up
ip -n c2 link set eth0 up
ip netns exec c1 nc -lk 80 &
ip netns exec c2 nc -lk 80 &
ip netns exec host iptables -A FORWARD -m physdev --physdev-in v1 --physdev-out v2 -p tcp -j DROP
ip netns exec c1 nc -z -w 1 172.23.0.3 80
ip netns exec c2 nc -z -w 1 172.23.0.2 80
ip netns exec host iptables -R FORWARD 1 -m physdev --physdev-in v2 -p tcp --tcp-flags SYN,ACK SYN,ACK -j DROP
ip netns exec c1 nc -z -w 1 172.23.0.3 80
ip netns exec c2 nc -z -w 1 172.23.0.2 80
ip netns exec host iptables -R FORWARD 1 -m physdev --physdev-out v+ -p icmp -j DROP
ip netns exec c1 ping -c 1 -W 1 172.23.0.3
ip netns exec host iptables -R FORWARD 1 -m physdev ! --physdev-in v1 -p icmp -j DROP
ip netns exec c1 ping -c 1 -W 1 172.23.0.3
ip netns exec c2 ping -c 1 -W 1 172.23.0.2
ip netns exec host iptables -R FORWARD 1 -m physdev --physdev-is-in --physdev-is-out -p icmp -j DROP
ip netns exec c1 ping -c 1 -W 1 172.23.0.3
ip netns exec host iptables -F FORWARD
ip netns exec host iptables -A INPUT -m physdev --physdev-in v2 -p icmp -j DROP
ip netns exec c1 ping -c 1 -W 1 172.23.0.1
ip netns exec c2 ping -c 1 -W 1 172.23.0.1
ip netns exec host iptables -R INPUT 1 -m physdev --physdev-is-bridged -p icmp -j DROP
ip netns exec c1 ping -c 1 -W 1 172.23.0.1
ip netns exec host iptables -R INPUT 1 -i v1 -p icmp -j DROP
ip netns exec c1 ping -c 1 -W 1 172.23.0.1
ip netns exec host iptables -A OUTPUT -m physdev --physdev-out v1 -j DROP
ip netns exec host iptables -A INPUT -m physdev -j DROP
ip netns exec host iptables -A INPUT -m physdev --physdev-out v1 -j DROP
ip netns exec host iptables -S
