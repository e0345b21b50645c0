# Broadcast pings: -b, icmp_echo_ignore_broadcasts, brd +, 255.255.255.255, network address
ip netns add sw
ip netns add n1
ip netns add n2
ip netns add n3
ip -n sw link add br0 type bridge
ip -n sw link set br0 up
ip -n sw link add p1 type veth peer name eth0 netns n1
ip -n sw link add p2 type veth peer name eth0 netns n2
ip -n sw link add p3 type veth peer name eth0 netns n3
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n sw link set p3 master br0
ip -n sw link set p1 up
ip -n sw link set p2 up
ip -n sw link set p3 up
ip -n n1 addr add 10.240.0.1/24 brd + dev eth0
ip -n n2 addr add 10.240.0.2/24 brd + dev eth0
ip -n n3 addr add 10.240.0.3/24 dev eth0
ip -n n1 link set eth0 up
ip -n n2 link set eth0 up
ip -n n3 link set eth0 up
ip netns exec n1 ping -c 1 -W 1 10.240.0.255
ip netns exec n1 ping -c 1 -W 1 -b 10.240.0.255
ip netns exec n2 sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
ip netns exec n1 ping -c 1 -W 1 -b 10.240.0.255
ip netns exec n3 ping -c 1 -W 1 10.240.0.255
ip netns exec n3 ping -c 1 -W 1 -b 10.240.0.255
ip netns exec n1 ping -c 1 -W 1 -b 10.240.0.2
ip netns exec n1 ping -c 1 -W 1 10.240.0.0
ip netns exec n1 ping -c 1 -W 1 -b 255.255.255.255
ip netns exec n1 ping -c 1 -W 1 -b -I eth0 255.255.255.255
ip -n n1 route get 255.255.255.255
ip -n n1 route get 10.240.0.255
ip -n n3 route get 10.240.0.255
ip netns exec n2 sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=1
ip netns exec n1 ping -c 1 -W 1 -b 10.240.0.255
ip netns exec n1 sysctl -n net.ipv4.icmp_echo_ignore_broadcasts
