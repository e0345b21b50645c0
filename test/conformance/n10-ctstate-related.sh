# conntrack RELATED: a "Frag needed" ICMP error about a flow passes only with RELATED accepted
ip netns add in1
ip netns add fw
ip netns add r2
ip netns add out1
ip -n fw link add i0 type veth peer name eth0 netns in1
ip -n fw link add o0 type veth peer name a0 netns r2
ip -n r2 link add b0 type veth peer name eth0 netns out1
ip -n in1 addr add 10.140.1.2/24 dev eth0
ip -n fw addr add 10.140.1.1/24 dev i0
ip -n fw addr add 10.140.2.1/24 dev o0
ip -n r2 addr add 10.140.2.2/24 dev a0
ip -n r2 addr add 10.140.3.1/24 dev b0
ip -n out1 addr add 10.140.3.2/24 dev eth0
ip -n r2 link set b0 mtu 1400
ip -n out1 link set eth0 mtu 1400
ip -n in1 link set eth0 up
ip -n fw link set i0 up
ip -n fw link set o0 up
ip -n r2 link set a0 up
ip -n r2 link set b0 up
ip -n out1 link set eth0 up
ip -n in1 route add default via 10.140.1.1
ip -n fw route add 10.140.3.0/24 via 10.140.2.2
ip -n r2 route add default via 10.140.2.1
ip -n out1 route add default via 10.140.3.1
ip netns exec fw sysctl -w net.ipv4.ip_forward=1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip netns exec fw iptables -P FORWARD DROP
ip netns exec fw iptables -A FORWARD -i i0 -m conntrack --ctstate NEW -j ACCEPT
ip netns exec fw iptables -A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT
ip netns exec in1 ping -c 1 -W 1 10.140.3.2
ip netns exec out1 ping -c 1 -W 1 10.140.1.2
ip netns exec in1 ping -c 1 -W 1 -s 1472 10.140.3.2
ip netns exec in1 ping -c 1 -W 1 -s 1472 10.140.3.2
ip netns exec fw iptables -R FORWARD 2 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec in1 ping -c 1 -W 1 -s 1472 10.140.3.2
ip netns exec in1 ping -c 1 -W 1 -s 1472 10.140.3.2
ip netns exec in1 ping -c 1 -W 1 -s 1472 -M do 10.140.3.2
ip netns exec in1 ping -c 1 -W 1 -t 2 10.140.3.2
ip netns exec fw iptables -R FORWARD 2 -m conntrack --ctstate ESTABLISHED -j ACCEPT
ip netns exec in1 ping -c 1 -W 1 -t 2 10.140.3.2
ip netns exec out1 ping -c 1 -W 1 10.140.1.2
