// A live channel over WebSocket that reconnects by itself; each (re)connection starts with a fresh snapshot.

export function follow(path, onMessage, onState = () => {}) {
  let socket;
  let stopped = false;
  let delay = 500;
  const open = () => {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(`${scheme}//${location.host}${path}`);
    socket.addEventListener('open', () => { delay = 500; onState('live'); });
    socket.addEventListener('message', event => onMessage(JSON.parse(event.data)));
    socket.addEventListener('close', event => {
      if (stopped || event.code === 1003) {
        onState(event.code === 1003 ? 'refused' : 'closed');
        return;
      }
      onState('reconnecting');
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 10000);
    });
  };
  open();
  return {close() { stopped = true; socket.close(); }};
}
