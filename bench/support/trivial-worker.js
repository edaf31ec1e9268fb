// The start-up baseline of bench/sizes.ts: a worker whose global scope does nothing.
export default {
  fetch() {
    return new Response("not found", { status: 404 });
  },
};
