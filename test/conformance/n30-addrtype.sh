# -m addrtype: --src-type LOCAL in OUTPUT/INPUT, BROADCAST/UNICAST, --limit-iface-in/out, option errors
ip netns add cli
ip netns add gw
ip netns add srv
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw link add s0 type veth peer name eth0 netns srv
ip -n gw addr add 10.184.1.1/24 dev c0
ip -n gw addr add 10.184.2.1/24 dev s0
ip -n gw link set c0 up
ip -n gw link set s0 up
ip -n cli addr add 10.184.1.2/24 dev eth0
ip -n srv addr add 10.184.2.2/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip -n cli route add default via 10.184.1.1
ip -n srv route add default via 10.184.2.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip -n gw link set lo up
ip netns exec srv nc -lk 80 &
ip netns exec gw nc -lk 22 &
ip netns exec gw iptables -A OUTPUT -m addrtype --src-type LOCAL -p tcp --dport 80 -j DROP
ip netns exec gw nc -z -w 1 10.184.2.2 80
ip netns exec cli nc -z -w 1 10.184.2.2 80
ip netns exec gw iptables -R OUTPUT 1 -m addrtype ! --src-type LOCAL -p tcp --dport 80 -j DROP
ip netns exec gw nc -z -w 1 10.184.2.2 80
ip netns exec gw iptables -A INPUT -m addrtype --src-type LOCAL -p tcp --dport 22 -j REJECT --reject-with tcp-reset
ip netns exec gw nc -z -w 1 10.184.1.1 22
ip netns exec cli nc -z -w 1 10.184.1.1 22
ip netns exec gw iptables -F INPUT
ip netns exec gw iptables -A INPUT -m addrtype --dst-type LOCAL --limit-iface-in -p tcp -j DROP
ip netns exec cli nc -z -w 1 10.184.1.1 22
ip netns exec cli nc -z -w 1 10.184.2.1 22
ip netns exec gw iptables -R INPUT 1 -m addrtype --dst-type UNICAST -p tcp -j DROP
ip netns exec cli nc -z -w 1 10.184.1.1 22
ip netns exec gw iptables -R INPUT 1 -m addrtype --dst-type BROADCAST -p tcp -j DROP
ip netns exec cli nc -z -w 1 10.184.1.1 22
ip netns exec gw iptables -A FORWARD -m addrtype --dst-type UNICAST --src-type UNICAST -j DROP
ip netns exec cli nc -z -w 1 10.184.2.2 80
ip netns exec gw iptables -R FORWARD 1 -m addrtype --dst-type LOCAL -j DROP
ip netns exec cli nc -z -w 1 10.184.2.2 80
ip netns exec gw iptables -A INPUT -m addrtype --dst-type BOGUS -j DROP
ip netns exec gw iptables -A INPUT -m addrtype -j DROP
ip netns exec gw iptables -A INPUT -m addrtype --dst-type LOCAL --limit-iface-out -j DROP
ip netns exec gw iptables -A OUTPUT -m addrtype --dst-type LOCAL --limit-iface-in -j DROP
ip netns exec gw iptables -S
