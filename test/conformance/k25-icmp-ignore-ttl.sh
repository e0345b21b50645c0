# icmp_echo_ignore_all and ip_default_ttl: no echo replies; TTL of originated packets and replies
ip netns add a
ip netns add r
ip netns add b
ip -n a link add eth0 type veth peer name ra netns r
ip -n b link add eth0 type veth peer name rb netns r
ip -n a addr add 10.245.1.2/24 dev eth0
ip -n b addr add 10.245.2.2/24 dev eth0
ip -n r addr add 10.245.1.1/24 dev ra
ip -n r addr add 10.245.2.1/24 dev rb
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n a route add default via 10.245.1.1
ip -n b route add default via 10.245.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec b nc -lk 8080 &
ip netns exec a ping -c 1 -W 1 10.245.2.2
ip netns exec b sysctl -w net.ipv4.icmp_echo_ignore_all=1
ip netns exec a ping -c 1 -W 1 10.245.2.2
ip netns exec a nc -z -w 1 10.245.2.2 8080
ip netns exec b ping -c 1 -W 1 10.245.1.2
ip netns exec b sysctl -w net.ipv4.icmp_echo_ignore_all=0
ip netns exec a ping -c 1 -W 1 10.245.2.2
ip netns exec a sysctl -w net.ipv4.ip_default_ttl=1
ip netns exec a ping -c 1 -W 1 10.245.2.2
ip netns exec a ping -c 1 -W 1 10.245.1.1
ip netns exec a ping -c 1 -W 1 -t 2 10.245.2.2
ip netns exec a nc -z -w 1 10.245.2.2 8080
ip netns exec a sysctl -w net.ipv4.ip_default_ttl=64
ip netns exec b sysctl -w net.ipv4.ip_default_ttl=1
ip netns exec a ping -c 1 -W 1 10.245.2.2
ip netns exec a nc -z -w 1 10.245.2.2 8080
ip netns exec a ping -c 1 -W 1 10.245.2.1
ip netns exec b sysctl -w net.ipv4.ip_default_ttl=2
ip netns exec a ping -c 1 -W 1 10.245.2.2
ip netns exec b sysctl -w net.ipv4.ip_default_ttl=0
ip netns exec b sysctl -w net.ipv4.ip_default_ttl=256
ip netns exec b sysctl -n net.ipv4.ip_default_ttl
ip netns exec r sysctl -w net.ipv4.icmp_echo_ignore_all=1
ip netns exec a ping -c 1 -W 1 10.245.1.1
ip netns exec a ping -c 1 -W 1 -t 1 10.245.2.2
