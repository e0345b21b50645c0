# /31 point-to-point and /32 addresses with peer routes, ip addr ... peer
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a addr add 10.250.0.0/31 dev eth0
ip -n b addr add 10.250.0.1/31 dev eth0
ip netns exec a ping -c 1 -W 1 10.250.0.1
ip netns exec b ping -c 1 -W 1 10.250.0.0
ip -n a route get 10.250.0.1
ip -n a addr add 10.251.0.1/32 dev eth0
ip -n b addr add 10.251.0.2/32 dev eth0
ip netns exec a ping -c 1 -W 1 -I 10.251.0.1 10.251.0.2
ip -n a route add 10.251.0.2/32 dev eth0
ip netns exec a ping -c 1 -W 1 10.251.0.2
ip -n b route add 10.251.0.1/32 dev eth0
ip -n a neigh flush all
ip netns exec a ping -c 1 -W 1 10.251.0.2
ip netns exec b ping -c 1 -W 1 10.251.0.1
ip -n a route get 10.251.0.2
ip -n a addr add 10.252.0.1 peer 10.252.0.2 dev eth0
ip -n b addr add 10.252.0.2 peer 10.252.0.1 dev eth0
ip netns exec a ping -c 1 -W 1 10.252.0.2
ip -n a route show
ip -n a addr add 10.253.0.1 peer 10.253.0.0/24 dev eth0
ip -n b addr add 10.253.0.77/24 dev eth0
ip netns exec a ping -c 1 -W 1 10.253.0.77
ip -n a addr del 10.252.0.1 peer 10.252.0.2 dev eth0
ip netns exec a ping -c 1 -W 1 10.252.0.2
ip -n a addr del 10.251.0.1/32 dev eth0
ip netns exec a ping -c 1 -W 1 10.251.0.2
ip -n a addr add 10.254.0.5/0 dev eth0
ip -n a route show
ip -n b addr add 10.254.0.6/24 dev eth0
ip netns exec a ping -c 1 -W 1 10.254.0.6
