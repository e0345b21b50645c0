# Per-device forwarding: conf.DEV.forwarding on the ingress device, conf.all, ip_forward sets all
ip netns add a
ip netns add r
ip netns add b
ip -n a link add eth0 type veth peer name ra netns r
ip -n b link add eth0 type veth peer name rb netns r
ip -n a addr add 10.40.1.2/24 dev eth0
ip -n b addr add 10.40.2.2/24 dev eth0
ip -n r addr add 10.40.1.1/24 dev ra
ip -n r addr add 10.40.2.1/24 dev rb
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n a route add default via 10.40.1.1
ip -n b route add default via 10.40.2.1
ip netns exec r sysctl -w net.ipv4.conf.ra.forwarding=1
ip netns exec r sysctl -n net.ipv4.ip_forward
ip netns exec a ping -c 1 -W 1 10.40.2.2
ip netns exec r sysctl -w net.ipv4.conf.rb.forwarding=1
ip netns exec a ping -c 1 -W 1 10.40.2.2
ip netns exec r sysctl -w net.ipv4.conf.ra.forwarding=0
ip netns exec a ping -c 1 -W 1 10.40.2.2
ip netns exec b ping -c 1 -W 1 10.40.1.2
ip netns exec r sysctl -w net.ipv4.conf.all.forwarding=1
ip netns exec r sysctl -n net.ipv4.ip_forward
ip netns exec r sysctl -n net.ipv4.conf.ra.forwarding
ip netns exec a ping -c 1 -W 1 10.40.2.2
ip netns exec r sysctl -w net.ipv4.ip_forward=0
ip netns exec r sysctl -n net.ipv4.conf.rb.forwarding
ip netns exec a ping -c 1 -W 1 10.40.2.2
ip netns exec r sysctl -w net.ipv4.conf.ra.forwarding=1
ip netns exec r sysctl -w net.ipv4.conf.rb.forwarding=1
ip netns exec a ping -c 1 -W 1 10.40.2.2
ip netns exec r sysctl -w net.ipv4.conf.ra.forwarding=0
ip netns exec a ping -c 1 -W 1 10.40.2.2
ip netns exec b ping -c 1 -W 1 10.40.1.2
ip netns exec r sysctl -w net.ipv4.conf.default.forwarding=1
ip -n r link add rc type veth peer name eth0
ip netns exec r sysctl -n net.ipv4.conf.rc.forwarding
ip netns exec r sysctl -w net.ipv4.conf.all.forwarding=0
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec r sysctl -n net.ipv4.conf.all.forwarding
ip netns exec a ping -c 1 -W 1 10.40.2.2
