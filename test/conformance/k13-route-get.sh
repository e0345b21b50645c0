# ip route get: connected, via gateway, local, loopback, broadcast, blackhole, unreachable
ip netns add h
ip netns add r
ip -n h link add eth0 type veth peer name eth0 netns r
ip -n h addr add 10.130.0.2/24 dev eth0
ip -n r addr add 10.130.0.1/24 dev eth0
ip -n h link set eth0 up
ip -n r link set eth0 up
ip -n h route get 10.130.0.1
ip -n h route get 10.130.0.2
ip -n h route get 127.0.0.1
ip -n h route get 10.131.0.1
ip -n h route add default via 10.130.0.1
ip -n h route get 10.131.0.1
ip -n h route get 10.130.0.255
ip -n h route get 10.130.0.1 oif eth0
ip -n h route get 10.130.0.1 oif nodev0
ip -n h route get frob
ip -n h route get
ip -n h route add blackhole 10.132.0.0/16
ip -n h route get 10.132.0.5
ip -n h route add unreachable 10.133.0.0/16
ip -n h route get 10.133.0.5
ip -n h route add 10.134.0.0/16 via 10.135.0.1
ip -n h route add 10.134.0.0/16 via 10.130.0.1 dev nodev0
ip -n h route add 10.134.0.1/16 via 10.130.0.1
ip -n h route add 10.134.0.0/16 frobnicate 10.130.0.1
ip -n h route add default via 10.130.0.1
ip -n h route del 10.199.0.0/16
ip -n h route del default
ip -n h route del default
ip -n h route get 10.131.0.1
ip -n h link set eth0 down
ip -n h route get 10.130.0.1
ip -n h route show
ip -n h link set eth0 up
ip -n h route get 10.130.0.1
