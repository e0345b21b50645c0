# ping options: -s 0 / small sizes, -i 0.2 with -c 3, -M want/dont, -t 255, bad values
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.33.0.1/24 dev eth0
ip -n b addr add 10.33.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a link set lo up
ip netns exec a ping -c 1 -W 1 -s 0 10.33.0.2
ip netns exec a ping -c 1 -W 1 -s 7 10.33.0.2
ip netns exec a ping -c 1 -W 1 -s 8 10.33.0.2
ip netns exec a ping -c 3 -i 0.2 -W 1 10.33.0.2
ip netns exec a ping -c 2 -i 0.2 -W 1 10.33.0.9
ip netns exec a ping -c 1 -W 1 -M want -s 3000 10.33.0.2
ip netns exec a ping -c 1 -W 1 -M dont -s 3000 10.33.0.2
ip netns exec a ping -c 1 -W 1 -M do -s 3000 10.33.0.2
ip netns exec a ping -c 1 -W 1 -t 255 10.33.0.2
ip netns exec a ping -c 1 -W 1 -t 1 10.33.0.2
ip netns exec a ping -c 1 -W 1 -M do -s 65000 127.0.0.1
ip netns exec a ping -c 1 -W 1 -s 65507 127.0.0.1
ip netns exec a ping -c 1 -W 1 -I lo 10.33.0.2
ip netns exec a ping -c 1 -W 1 -I eth0 127.0.0.1
ip netns exec a ping -c 1 -W 1 -I 127.0.0.1 10.33.0.2
ip netns exec a ping -c 1 -W 1 -I 10.33.0.1 127.0.0.1
ip netns exec a ping -c 1 -W 1 -i 0.2 -s 0 -t 3 10.33.0.2
ip netns exec a ping -c 1 -W 1 -i abc 10.33.0.2
ip netns exec a ping -c 1 -W 1 -s 70000 10.33.0.2
ip netns exec a ping -c 1 -W 1 -t -1 10.33.0.2
ip netns exec a ping -c 1 -W 1 -M do 10.33.0.2 extra
ip netns exec a ping -c 1 -W 1 0.0.0.0
ip netns exec a ping -c 1 -W 1 10.33.0.0
ip netns exec a ping -c 1 -W 1 10.33.0.255
