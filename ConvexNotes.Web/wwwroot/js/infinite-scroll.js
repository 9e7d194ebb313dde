// Watches the sentinel at the end of the notes list and tells .NET when it comes into view.
const observers = new WeakMap();

export function observe(element, dotnet) {
  disconnect(element);
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      dotnet.invokeMethodAsync("Reached");
    }
  }, { rootMargin: "0px 0px 200px 0px" });
  observer.observe(element);
  observers.set(element, observer);
}

export function disconnect(element) {
  observers.get(element)?.disconnect();
  observers.delete(element);
}
