# A private registry on port 5000, published on the host, reached by name from another container.
docker network create ci
docker run -d --name registry --network ci -p 5000:5000 registry
docker run -d --name builder --network ci alpine sleep 1000

# The registry answers HTTP on 5000: from the host through the published port...
curl -s -o /dev/null -w '%{http_code}\n' http://localhost:5000/
# ...and from the builder by the container's name, straight across the bridge.
docker exec builder wget -q -O - http://registry:5000/
docker port registry
iptables -t nat -S DOCKER
