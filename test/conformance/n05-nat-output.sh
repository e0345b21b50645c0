# nat OUTPUT: DNAT of the host's own connections; PREROUTING rules never see them
ip netns add host
ip netns add svc
ip -n host link add v0 type veth peer name eth0 netns svc
ip -n host addr add 10.90.0.1/24 dev v0
ip -n host link set v0 up
ip -n host link set lo up
ip -n svc addr add 10.90.0.2/24 dev eth0
ip -n svc link set eth0 up
ip netns exec svc nc -lk 5432 &
ip netns exec host nc -lk 6000 &
ip netns exec host nc -z -w 1 10.90.0.1 15432
ip netns exec host iptables -t nat -A PREROUTING -p tcp --dport 15432 -j DNAT --to-destination 10.90.0.2:5432
ip netns exec host nc -z -w 1 10.90.0.1 15432
ip netns exec host iptables -t nat -A OUTPUT -p tcp --dport 15432 -j DNAT --to-destination 10.90.0.2:5432
ip netns exec host nc -z -w 1 10.90.0.1 15432
ip netns exec host nc -z -w 1 127.0.0.1 15432
ip netns exec host nc -z -w 1 192.0.2.1 15432
ip netns exec host ip route add default via 10.90.0.2
ip netns exec host nc -z -w 1 192.0.2.1 15432
ip netns exec host iptables -t nat -F OUTPUT
ip netns exec host iptables -t nat -A OUTPUT -d 10.90.0.0/24 -p tcp --dport 7000 -j REDIRECT --to-ports 6000
ip netns exec host nc -z -w 1 10.90.0.2 7000
ip netns exec host nc -z -w 1 10.90.0.1 7000
ip netns exec host nc -z -w 1 127.0.0.1 7000
ip netns exec host iptables -t nat -A OUTPUT -m addrtype --dst-type LOCAL -p tcp --dport 8000 -j DNAT --to-destination 10.90.0.2:5432
ip netns exec host nc -z -w 1 10.90.0.1 8000
ip netns exec host nc -z -w 1 127.0.0.1 8000
ip netns exec host nc -z -w 1 10.90.0.2 8000
ip netns exec host iptables -t nat -I OUTPUT 2 -d 127.0.0.0/8 -j RETURN
ip netns exec host nc -z -w 1 127.0.0.1 8000
ip netns exec host nc -z -w 1 10.90.0.1 8000
ip netns exec svc nc -z -w 1 10.90.0.1 15432
