# Fragmentation and PMTU across two routers with 1300- and 1200-byte links
ip netns add h
ip netns add r1
ip netns add r2
ip netns add s
ip -n h link add eth0 type veth peer name left netns r1
ip -n r1 link add right type veth peer name left netns r2
ip -n r2 link add right type veth peer name eth0 netns s
ip -n h addr add 10.32.1.2/24 dev eth0
ip -n r1 addr add 10.32.1.1/24 dev left
ip -n r1 addr add 10.32.2.1/24 dev right
ip -n r2 addr add 10.32.2.2/24 dev left
ip -n r2 addr add 10.32.3.1/24 dev right
ip -n s addr add 10.32.3.2/24 dev eth0
ip -n h link set eth0 up
ip -n r1 link set left up
ip -n r1 link set right mtu 1300 up
ip -n r2 link set left mtu 1300 up
ip -n r2 link set right mtu 1200 up
ip -n s link set eth0 mtu 1200 up
ip -n h route add default via 10.32.1.1
ip -n r1 route add default via 10.32.2.2
ip -n r2 route add default via 10.32.2.1
ip -n s route add default via 10.32.3.1
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip netns exec h ping -c 1 -W 1 -M do -s 1172 10.32.3.2
ip netns exec h ping -c 1 -W 1 -M do -s 1400 10.32.3.2
ip netns exec h ping -c 1 -W 1 -M do -s 1273 10.32.3.2
ip netns exec h ping -c 1 -W 1 -M do -s 1272 10.32.3.2
ip netns exec h ping -c 1 -W 1 -M do -s 1272 10.32.3.2
ip netns exec h ping -c 1 -W 1 -M do -s 1173 10.32.3.2
ip netns exec h ping -c 1 -W 1 -M do -s 1172 10.32.3.2
ip netns exec h ping -c 1 -W 1 -s 1400 10.32.3.2
ip netns exec h ping -c 1 -W 1 -M dont -s 4000 10.32.3.2
ip netns exec s ping -c 1 -W 1 -s 4000 10.32.1.2
ip netns exec s ping -c 1 -W 1 -M do -s 1173 10.32.1.2
ip netns exec h ping -c 1 -W 1 -M do -s 1272 10.32.2.2
ip netns exec h ping -c 1 -W 1 -M do -s 1273 10.32.2.2
ip netns exec h ping -c 1 -W 1 -M do -s 1472 10.32.1.1
