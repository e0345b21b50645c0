# ip_forward 0/1 on a router, sysctl -w/-n output exit codes, unknown keys
ip netns add r
ip netns add a
ip netns add b
ip -n r link add ra type veth peer name eth0 netns a
ip -n r link add rb type veth peer name eth0 netns b
ip -n r addr add 10.110.1.1/24 dev ra
ip -n r addr add 10.110.2.1/24 dev rb
ip -n a addr add 10.110.1.2/24 dev eth0
ip -n b addr add 10.110.2.2/24 dev eth0
ip -n r link set ra up
ip -n r link set rb up
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a route add default via 10.110.1.1
ip -n b route add default via 10.110.2.1
ip netns exec r sysctl -n net.ipv4.ip_forward
ip netns exec a ping -c 1 -W 1 10.110.2.1
ip netns exec a ping -c 1 -W 1 10.110.2.2
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec r sysctl -n net.ipv4.ip_forward
ip netns exec a ping -c 1 -W 1 10.110.2.2
ip netns exec r sysctl -w net.ipv4.ip_forward=0
ip netns exec a ping -c 1 -W 1 10.110.2.2
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec b ping -c 1 -W 1 10.110.1.2
ip netns exec r sysctl -n net.ipv4.no_such_key
ip netns exec r sysctl -w net.ipv4.no_such_key=1
ip netns exec r sysctl -w net.ipv4.ip_forward=abc
ip netns exec r sysctl -w net.ipv4.ip_forward
ip netns exec r sysctl -n net.ipv4.conf.nodev0.forwarding
ip netns exec r sysctl -n net.ipv4.conf.ra.forwarding
ip netns exec a sysctl -n net.ipv4.ip_forward
sysctl -w net.ipv4.ip_forward=0
ip netns exec r sysctl -n net.ipv4.ip_forward
ip netns exec a ping -c 1 -W 1 10.110.2.2
