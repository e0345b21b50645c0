# MTU mismatch on a veth pair: the receiver drops frames above its MTU + 18; creation-time mtu
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.31.0.1/24 dev eth0
ip -n b addr add 10.31.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n b link set eth0 mtu 1400
ip netns exec a ping -c 1 -W 1 -s 1372 10.31.0.2
ip netns exec a ping -c 1 -W 1 -s 1376 10.31.0.2
ip netns exec a ping -c 1 -W 1 -s 1377 10.31.0.2
ip netns exec a ping -c 1 -W 1 -M do -s 1377 10.31.0.2
ip netns exec a ping -c 1 -W 1 -M dont -s 1377 10.31.0.2
ip netns exec a ping -c 1 -W 1 -s 1472 10.31.0.2
ip netns exec a ping -c 1 -W 1 -s 3000 10.31.0.2
ip netns exec b ping -c 1 -W 1 -s 1472 10.31.0.1
ip netns exec b ping -c 1 -W 1 -M do -s 1373 10.31.0.1
ip netns exec b ping -c 1 -W 1 -M do -s 1372 10.31.0.1
ip -n a link set eth0 mtu 9000
ip netns exec a ping -c 1 -W 1 -s 2000 10.31.0.2
ip netns exec a ping -c 1 -W 1 -s 9000 10.31.0.2
ip -n b link set eth0 mtu 9000
ip netns exec a ping -c 1 -W 1 -M do -s 8972 10.31.0.2
ip netns exec a ping -c 1 -W 1 -M do -s 8973 10.31.0.2
ip -n a link add v0 mtu 1300 type veth peer name v1
ip -n a link add v2 mtu 1300 type veth peer name v3 mtu 1200
ip -n a link add v4 mtu 60 type veth peer name v5
ip -n a link add v6 mtu 65536 type veth peer name v7
ip -n a link add v8 mtu 65535 type veth peer name v9
ip -n a link show v1
ip -n b link set eth0 mtu 68
ip netns exec a ping -c 1 -W 1 -s 20 10.31.0.2
ip netns exec a ping -c 1 -W 1 -s 100 10.31.0.2
