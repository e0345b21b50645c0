# Source address selection: several addresses, route src, ip route get from, invalid prefsrc
ip netns add h
ip netns add p
ip -n h link add eth0 type veth peer name eth0 netns p
ip -n h link set eth0 up
ip -n p link set eth0 up
ip -n h addr add 10.160.0.1/24 dev eth0
ip -n h addr add 10.160.0.5/24 dev eth0
ip -n h addr add 10.161.0.1/24 dev eth0
ip -n p addr add 10.160.0.2/24 dev eth0
ip -n h route get 10.160.0.2
ip -n h route get 10.160.0.2 from 10.160.0.5
ip -n h route get 10.160.0.2 from 10.161.0.1
ip -n h route get 10.160.0.2 from 10.199.0.1
ip -n h route get 10.160.0.2 from 10.160.0.2
ip netns exec h ping -c 1 -W 1 -I 10.160.0.5 10.160.0.2
ip netns exec h ping -c 1 -W 1 -I 10.161.0.1 10.160.0.2
ip -n p route add 10.161.0.0/24 dev eth0
ip netns exec h ping -c 1 -W 1 -I 10.161.0.1 10.160.0.2
ip -n p route del 10.161.0.0/24 dev eth0
ip -n h route add 10.170.0.0/24 dev eth0 src 10.161.0.1
ip -n h route get 10.170.0.9
ip -n h route add 10.171.0.0/24 dev eth0 src 10.199.0.1
ip -n h route add 10.172.0.0/24 dev eth0 src 10.160.0.5
ip -n h route get 10.172.0.9
ip -n p addr add 10.172.0.2/24 dev eth0
ip netns exec h ping -c 1 -W 1 10.172.0.2
ip -n p route add 10.161.0.0/24 dev eth0
ip netns exec h ping -c 1 -W 1 10.170.0.2
ip -n p addr add 10.170.0.2/24 dev eth0
ip -n h neigh flush all
ip netns exec h ping -c 1 -W 1 10.170.0.2
ip -n h route replace 10.170.0.0/24 dev eth0 src 10.199.0.1
ip -n h addr del 10.161.0.1/24 dev eth0
ip -n h route show
ip -n h route get 10.170.0.9
ip -n h route get 10.160.0.2 from 10.160.0.1 oif eth0
ip -n h route get 10.160.0.2 from 10.160.0.1 oif lo
