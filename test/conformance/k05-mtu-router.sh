# Path MTU: a router whose far side has a smaller MTU sends frag-needed for DF pings
ip netns add h
ip netns add r
ip netns add s
ip -n h link add eth0 type veth peer name lan netns r
ip -n r link add wan type veth peer name eth0 netns s
ip -n h addr add 10.50.0.2/24 dev eth0
ip -n r addr add 10.50.0.1/24 dev lan
ip -n r addr add 10.51.0.1/24 dev wan
ip -n s addr add 10.51.0.2/24 dev eth0
ip -n h link set eth0 up
ip -n r link set lan up
ip -n r link set wan up
ip -n s link set eth0 up
ip -n h route add default via 10.50.0.1
ip -n s route add default via 10.51.0.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec h ping -c 1 -W 1 -M do -s 1472 10.51.0.2
ip -n r link set wan mtu 1400
ip -n s link set eth0 mtu 1400
ip netns exec h ping -c 1 -W 1 -M do -s 1372 10.51.0.2
ip netns exec h ping -c 1 -W 1 -M do -s 1400 10.51.0.2
ip netns exec h ping -c 1 -W 1 -M do -s 1400 10.51.0.2
ip netns exec h ping -c 1 -W 1 -M do -s 1372 10.51.0.2
ip netns exec h ping -c 1 -W 1 -s 1400 10.51.0.2
ip netns exec h ping -c 1 -W 1 -s 5000 10.51.0.2
ip netns exec s ping -c 1 -W 1 -s 5000 10.50.0.2
ip netns exec s ping -c 1 -W 1 -M do -s 1400 10.50.0.2
ip netns exec s ping -c 1 -W 1 -M do -s 1372 10.50.0.2
