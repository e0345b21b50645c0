# TTL across two routers: ping -t 1, 2, 3 and invalid TTL values
ip netns add h1
ip netns add r1
ip netns add r2
ip netns add h2
ip -n h1 link add eth0 type veth peer name left netns r1
ip -n r1 link add right type veth peer name left netns r2
ip -n r2 link add right type veth peer name eth0 netns h2
ip -n h1 addr add 10.31.0.2/24 dev eth0
ip -n r1 addr add 10.31.0.1/24 dev left
ip -n r1 addr add 10.32.0.1/24 dev right
ip -n r2 addr add 10.32.0.2/24 dev left
ip -n r2 addr add 10.33.0.1/24 dev right
ip -n h2 addr add 10.33.0.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n r1 link set left up
ip -n r1 link set right up
ip -n r2 link set left up
ip -n r2 link set right up
ip -n h2 link set eth0 up
ip -n h1 route add default via 10.31.0.1
ip -n h2 route add default via 10.33.0.1
ip -n r1 route add 10.33.0.0/24 via 10.32.0.2
ip -n r2 route add 10.31.0.0/24 via 10.32.0.1
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec h1 ping -c 1 -W 1 10.33.0.2
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip netns exec h1 ping -c 1 -W 1 10.33.0.2
ip netns exec h1 ping -c 1 -W 1 -t 1 10.33.0.2
ip netns exec h1 ping -c 1 -W 1 -t 2 10.33.0.2
ip netns exec h1 ping -c 1 -W 1 -t 3 10.33.0.2
ip netns exec h1 ping -c 1 -W 1 -t 1 10.32.0.2
ip netns exec h1 ping -c 1 -W 1 -t 1 10.31.0.1
ip netns exec h2 ping -c 1 -W 1 -t 2 10.31.0.2
ip netns exec h2 ping -c 1 -W 1 -t 3 10.31.0.2
ip netns exec h1 ping -c 1 -W 1 -t 0 10.33.0.2
ip netns exec h1 ping -c 1 -W 1 -t 256 10.33.0.2
