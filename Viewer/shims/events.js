// Node's "events" for a dependency of vtk.js (xmlbuilder2) that the viewer never calls: enough to load it.
export class EventEmitter {
  on() {
    return this;
  }

  emit() {
    return false;
  }
}
export default { EventEmitter };
