# proxy_arp: a router answers ARP for hosts behind it; on-link /16 clients reach another subnet
ip netns add a
ip netns add r
ip netns add b
ip -n a link add eth0 type veth peer name ra netns r
ip -n b link add eth0 type veth peer name rb netns r
ip -n a addr add 10.220.1.2/16 dev eth0
ip -n b addr add 10.220.2.2/24 dev eth0
ip -n r addr add 10.220.1.1/24 dev ra
ip -n r addr add 10.220.2.1/24 dev rb
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n b route add default via 10.220.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec a ping -c 1 -W 2 10.220.1.1
ip netns exec a ping -c 1 -W 2 10.220.2.2
ip netns exec r sysctl -w net.ipv4.conf.ra.proxy_arp=1
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 2 10.220.2.2
ip netns exec a ping -c 1 -W 2 10.220.2.1
ip netns exec a ping -c 1 -W 2 10.220.9.9
ip netns exec a ping -c 1 -W 2 10.220.1.77
ip -n a neigh show
ip netns exec r sysctl -w net.ipv4.conf.ra.proxy_arp=0
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 2 10.220.2.2
ip netns exec r sysctl -w net.ipv4.conf.all.proxy_arp=1
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 2 10.220.2.2
ip netns exec r sysctl -w net.ipv4.ip_forward=0
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 2 10.220.2.1
ip netns exec a ping -c 1 -W 2 10.220.2.2
ip netns exec r sysctl -n net.ipv4.conf.rb.proxy_arp
