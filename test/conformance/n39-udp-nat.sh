# UDP NAT: DNAT and SNAT of datagrams, port unreachable translated back, conntrack of a UDP DNAT
ip netns add cli
ip netns add gw
ip netns add srv
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw link add s0 type veth peer name eth0 netns srv
ip -n gw addr add 203.0.113.1/24 dev c0
ip -n gw addr add 10.193.2.1/24 dev s0
ip -n gw link set c0 up
ip -n gw link set s0 up
ip -n cli addr add 203.0.113.2/24 dev eth0
ip -n srv addr add 10.193.2.2/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec srv nc -luk 53 &
ip netns exec cli nc -zuv -w 1 203.0.113.1 5353
ip netns exec gw iptables -t nat -A PREROUTING -i c0 -p udp --dport 5353 -j DNAT --to-destination 10.193.2.2:53
ip netns exec cli nc -zuv -w 1 203.0.113.1 5353
ip netns exec srv ip route add default via 10.193.2.1
ip netns exec cli nc -zuv -w 1 203.0.113.1 5353
ip netns exec gw iptables -t nat -A PREROUTING -i c0 -p udp --dport 5354 -j DNAT --to-destination 10.193.2.2:54
ip netns exec cli nc -zuv -w 1 203.0.113.1 5354
ip netns exec gw iptables -P FORWARD DROP
ip netns exec gw iptables -A FORWARD -m conntrack --ctstate DNAT -j ACCEPT
ip netns exec cli nc -zuv -w 1 203.0.113.1 5354
ip netns exec gw iptables -A FORWARD -m conntrack --ctstate RELATED -j ACCEPT
ip netns exec cli nc -zuv -w 1 203.0.113.1 5354
ip netns exec srv ip route del default via 10.193.2.1
ip netns exec gw iptables -P FORWARD ACCEPT
ip netns exec gw iptables -t nat -A POSTROUTING -o s0 -j MASQUERADE
ip netns exec cli nc -zuv -w 1 203.0.113.1 5354
ip netns exec cli ip route add 10.193.2.0/24 via 203.0.113.1
ip netns exec cli nc -zuv -w 1 10.193.2.2 54
ip netns exec gw iptables -t nat -R POSTROUTING 1 -o s0 -p udp -j SNAT --to-source 10.193.2.1:2000-2001
ip netns exec cli nc -zuv -w 1 10.193.2.2 55
ip netns exec gw iptables -t nat -A PREROUTING -p udp --dport 5355 -j REDIRECT --to-ports 7
ip netns exec cli nc -zuv -w 1 203.0.113.1 5355
