package dev.sockscope.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** An rtnetlink transport that answers from captured datagrams (capture-net.sh's veth namespace). */
final class Replay implements RtnlTransport {
    private final String dir;
    int requests;

    Replay(String dir) {
        this.dir = dir;
    }

    @Override
    public List<ByteBuffer> exchange(byte[] request, boolean dump) throws NetException {
        requests++;
        ByteBuffer b = ByteBuffer.wrap(request).order(ByteOrder.nativeOrder());
        int type = b.getShort(4);
        switch (type) {
            case Rtnetlink.RTM_GETADDR:
                return NetFixtures.datagrams(dir + "/getaddr.hex");
            case Rtnetlink.RTM_GETNEIGH:
                return NetFixtures.datagrams(dir + "/getneigh.hex");
            case Rtnetlink.RTM_GETROUTE:
                byte[] dst = new byte[b.get(16) == Rtnetlink.AF_INET ? 4 : 16];
                b.get(32, dst);
                String name = dev.sockscope.model.InetText.format(dst).replace(':', '_');
                try {
                    return NetFixtures.datagrams(dir + "/getroute-" + name + ".hex");
                } catch (IllegalArgumentException e) {
                    throw new NetException("rtnetlink: request refused, errno 101", 101);
                }
            default:
                throw new NetException("no captured answer to type " + type);
        }
    }

    @Override
    public void close() {}
}
