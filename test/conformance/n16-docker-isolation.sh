# Docker-like isolation: two bridges, DOCKER-ISOLATION-STAGE-1/2 drop traffic between networks, icc rule
ip netns add dk
ip netns add a1
ip netns add a2
ip netns add b1
ip -n dk link add docker0 type bridge
ip -n dk link add br-b type bridge
ip -n dk addr add 172.17.0.1/16 dev docker0
ip -n dk addr add 172.18.0.1/16 dev br-b
ip -n dk link set docker0 up
ip -n dk link set br-b up
ip -n dk link add va1 type veth peer name eth0 netns a1
ip -n dk link add va2 type veth peer name eth0 netns a2
ip -n dk link add vb1 type veth peer name eth0 netns b1
ip -n dk link set va1 master docker0
ip -n dk link set va2 master docker0
ip -n dk link set vb1 master br-b
ip -n dk link set va1 up
ip -n dk link set va2 up
ip -n dk link set vb1 up
ip -n a1 addr add 172.17.0.2/16 dev eth0
ip -n a2 addr add 172.17.0.3/16 dev eth0
ip -n b1 addr add 172.18.0.2/16 dev eth0
ip -n a1 link set eth0 up
ip -n a2 link set eth0 up
ip -n b1 link set eth0 up
ip -n a1 route add default via 172.17.0.1
ip -n b1 route add default via 172.18.0.1
ip netns exec dk sysctl -w net.ipv4.ip_forward=1
ip netns exec dk iptables -P FORWARD DROP
ip netns exec dk iptables -N DOCKER-ISOLATION-STAGE-1
ip netns exec dk iptables -N DOCKER-ISOLATION-STAGE-2
ip netns exec dk iptables -A FORWARD -j DOCKER-ISOLATION-STAGE-1
ip netns exec dk iptables -A FORWARD -i docker0 -j ACCEPT
ip netns exec dk iptables -A FORWARD -i br-b -j ACCEPT
ip netns exec a1 ping -c 1 -W 1 172.18.0.2
ip netns exec dk iptables -A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
ip netns exec dk iptables -A DOCKER-ISOLATION-STAGE-1 -i br-b ! -o br-b -j DOCKER-ISOLATION-STAGE-2
ip netns exec dk iptables -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
ip netns exec dk iptables -A DOCKER-ISOLATION-STAGE-2 -o br-b -j DROP
ip netns exec a1 ping -c 1 -W 1 172.18.0.2
ip netns exec b1 ping -c 1 -W 1 172.17.0.2
ip netns exec a1 ping -c 1 -W 1 172.17.0.3
ip netns exec dk iptables -R FORWARD 2 -i docker0 ! -o docker0 -j ACCEPT
ip netns exec a1 ping -c 1 -W 1 172.17.0.3
