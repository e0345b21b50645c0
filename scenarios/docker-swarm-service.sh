# A swarm service with two replicas on two hosts behind one virtual IP.
# `docker service create` starts the tasks across the nodes; the name "web" resolves to
# the service VIP, and IPVS in the client's namespace spreads connections over the tasks.
ip netns add lan
ip netns add host1
ip netns add host2
ip -n lan link add br0 type bridge
ip -n lan link set br0 up
ip -n lan link add p1 type veth peer name eth0 netns host1
ip -n lan link add p2 type veth peer name eth0 netns host2
ip -n lan link set p1 master br0
ip -n lan link set p2 master br0
ip -n lan link set p1 up
ip -n lan link set p2 up
ip -n host1 addr add 192.168.1.11/24 dev eth0
ip -n host2 addr add 192.168.1.12/24 dev eth0
ip -n host1 link set eth0 up
ip -n host2 link set eth0 up
ip -n host1 link set lo up
ip -n host2 link set lo up
# host1 starts a swarm; host2 joins it with the worker token.
ip netns exec host1 docker swarm init --advertise-addr 192.168.1.11
ip netns exec host2 docker swarm join --token $(ip netns exec host1 docker swarm join-token -q worker) 192.168.1.11:2377
ip netns exec host1 docker node ls
ip netns exec host1 docker network create -d overlay --attachable app-net
ip netns exec host1 docker service create --name web --replicas 2 --network app-net nginx
ip netns exec host1 docker service ls
ip netns exec host1 docker service ps web
ip netns exec host2 docker run -d --name client --network app-net alpine sleep 1000
# "web" is the VIP; "tasks.web" lists the replicas themselves.
ip netns exec host2 docker exec client nslookup web
ip netns exec host2 docker exec client nslookup tasks.web
# Two requests to the VIP: round robin sends one to each replica.
ip netns exec host2 docker exec client wget -qO- http://web/
ip netns exec host2 docker exec client wget -qO- http://web/
# Inside the client's namespace: a mangle rule marks traffic to the VIP, IPVS balances the mark.
ip netns exec host2 nsenter -t $(ip netns exec host2 docker inspect -f '{{.State.Pid}}' client) -n iptables -t mangle -S OUTPUT
ip netns exec host2 nsenter -t $(ip netns exec host2 docker inspect -f '{{.State.Pid}}' client) -n ipvsadm -L -n
# A third replica joins the balancing set.
ip netns exec host1 docker service scale web=3
ip netns exec host2 docker exec client nslookup tasks.web
ip netns exec host1 docker service rm web
ip netns exec host1 docker service ls
