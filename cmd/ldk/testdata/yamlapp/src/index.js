// Counts its invocations in a module-level variable, which lives as long
// as the worker does; says its GREETING and the code directory it runs
// from; sleeps first when asked ({"sleepMs": 1500}).
let count = 0;

exports.handler = async (event) => {
  count++;
  if (event && event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs));
  return { greeting: process.env.GREETING, count, root: process.env.LAMBDA_TASK_ROOT };
};
