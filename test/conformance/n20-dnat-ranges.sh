# DNAT to a port range and an address range, port-only and bad --to-destination forms
ip netns add cli
ip netns add gw
ip netns add srv
ip -n gw link add c0 type veth peer name eth0 netns cli
ip -n gw link add s0 type veth peer name eth0 netns srv
ip -n gw addr add 10.174.1.1/24 dev c0
ip -n gw addr add 10.174.2.1/24 dev s0
ip -n gw link set c0 up
ip -n gw link set s0 up
ip -n cli addr add 10.174.1.2/24 dev eth0
ip -n srv addr add 10.174.2.2/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip -n cli route add default via 10.174.1.1
ip -n srv route add default via 10.174.2.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip -n srv addr add 10.174.2.3/24 dev eth0
ip netns exec srv nc -lk 9001 &
ip netns exec gw iptables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.174.2.2:9000-9001
ip netns exec cli nc -z -w 1 10.174.1.1 80
ip netns exec gw iptables -t nat -R PREROUTING 1 -p tcp --dport 80 -j DNAT --to-destination 10.174.2.2:9001-9001
ip netns exec cli nc -z -w 1 10.174.1.1 80
ip netns exec gw iptables -t nat -R PREROUTING 1 -p tcp --dport 80 -j DNAT --to-destination 10.174.2.3-10.174.2.3:9001
ip netns exec cli nc -z -w 1 10.174.1.1 80
ip netns exec gw iptables -t nat -R PREROUTING 1 -p tcp --dport 80 -j DNAT --to-destination 10.174.2.9-10.174.2.3:9001
ip netns exec gw iptables -t nat -R PREROUTING 1 -p tcp --dport 80 -j DNAT --to-destination 10.174.2.2:9002-9001
ip netns exec gw iptables -t nat -R PREROUTING 1 -j DNAT --to-destination 10.174.2.2:9001
ip netns exec gw iptables -t nat -R PREROUTING 1 -p udp -j DNAT --to-destination 10.174.2.2:9001
ip netns exec gw iptables -t nat -R PREROUTING 1 -p tcp --dport 80 -j DNAT --to-destination :9001
ip netns exec gw iptables -t nat -R PREROUTING 1 -p tcp --dport 80 -j DNAT --to-destination 10.174.2.2:0
ip netns exec gw iptables -t nat -R PREROUTING 1 -p tcp --dport 80 -j DNAT --to-destination 10.174.2.2:65536
ip netns exec gw iptables -t nat -R PREROUTING 1 -p tcp --dport 80 -j DNAT --to-destination 10.174.2.2:abc
ip netns exec gw iptables -t nat -R PREROUTING 1 -p tcp --dport 80 -j DNAT --to 10.174.2.2:9001
ip netns exec cli nc -z -w 1 10.174.1.1 80
ip netns exec gw iptables -t nat -R PREROUTING 1 -p tcp --dport 80 -j DNAT --to-destination 10.174.2.2:9001 --random
ip netns exec cli nc -z -w 1 10.174.1.1 80
ip netns exec gw iptables -t nat -R PREROUTING 1 -p tcp --dport 80 -j DNAT --to-destination 10.174.2.2:9001 --persistent
ip netns exec cli nc -z -w 1 10.174.1.1 80
ip netns exec gw iptables -t nat -R PREROUTING 1 -p tcp --dport 81 -j DNAT --to-destination 10.174.2.2
ip netns exec cli nc -z -w 1 10.174.1.1 80
ip netns exec cli nc -z -w 1 10.174.1.1 81
ip netns exec gw iptables -t nat -S PREROUTING
