"""What an expression creates: a container, an instance of a project class, a resource.

From the source first (literals, the import name of the called class or factory, a
project class's bases), inference only for project functions whose result the source
cannot tell, and the called name as the last, lower-confidence, resort.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import bases, nodes
from pylint.interfaces import HIGH, INFERENCE, INFERENCE_FAILURE, Confidence

from pylint_stateless import knowledge
from pylint_stateless.analysis import astutil
from pylint_stateless.analysis.model import OTHER, Env, SelfRef, Shape, ValueShape

if TYPE_CHECKING:
    from pylint_stateless.analysis.resolver import Resolver

_DICT = ValueShape(Shape.CONTAINER, "dict", HIGH, None, "builtins.dict")
_LIST = ValueShape(Shape.CONTAINER, "list", HIGH, None, "builtins.list")
_SET = ValueShape(Shape.CONTAINER, "set", HIGH, None, "builtins.set")
_TYPING_CONTAINERS = frozenset(
    {"typing.Dict", "typing.List", "typing.Set", "typing.MutableMapping"}
)
# Among several assignments of one name, the first of these shapes found wins.
_DECL_PRECEDENCE = (Shape.CONTAINER, Shape.APP, Shape.INSTANCE, Shape.RESOURCE)
_OPERAND_PRECEDENCE = (Shape.CONTAINER, Shape.INSTANCE, Shape.RESOURCE)


def _own_instance(binding: nodes.AssignName) -> nodes.ClassDef | None:
    """The class whose instance ``binding`` is, when it is the ``self`` of a method."""
    arguments = binding.parent
    method = arguments.parent if isinstance(arguments, nodes.Arguments) else None
    if not isinstance(method, nodes.FunctionDef) or not isinstance(method.parent, nodes.ClassDef):
        return None
    params = [*method.args.posonlyargs, *method.args.args]
    # ``type`` last: it infers the decorators (a route's ``@app.get(...)`` builds the
    # framework's modules), which a function outside a class or another parameter needs not.
    if not params or params[0] is not binding or method.type != "method":
        return None
    return method.parent


def _memory_store(call: nodes.Call, qname: str, confidence: Confidence) -> ValueShape:
    """A rate limiter or scheduler: state when its storage is process memory."""
    display, keyword, _kind = knowledge.MEMORY_STORES[qname]
    storage = astutil.call_argument(call, None, keyword) if keyword else None
    text = astutil.const_str(storage) if storage is not None else "memory://"
    if storage is not None and (text is None or not text.startswith("memory")):
        # Another storage (or one the source does not spell): a client of it.
        return ValueShape(Shape.RESOURCE, display, confidence, None, qname)
    return ValueShape(Shape.CONTAINER, f"{display} (memory storage)", confidence, None, qname)


class Shapes:
    """Value shapes for one linted module's analysis, cached per expression."""

    def __init__(self, resolver: Resolver) -> None:
        self._resolver = resolver
        self._knowledge = resolver.knowledge
        self._cache: dict[int, ValueShape] = {}

    def of(self, value: nodes.NodeNG) -> ValueShape:
        """Shape of the object an expression creates."""
        cached = self._cache.get(id(value))
        if cached is not None:
            return cached
        result = self._value(value, 0)
        self._cache[id(value)] = result
        return result

    def of_decls(self, decls: list[nodes.AssignName] | list[nodes.AssignAttr]) -> ValueShape:
        """The strongest shape among every assignment of a name: container wins."""
        results = []
        for decl in decls:
            parent = decl.parent
            value = astutil.assigned_value(decl)
            if value is not None:
                results.append(self.of(value))
            elif isinstance(parent, nodes.AnnAssign):
                results.append(self._annotation(parent.annotation))
        for wanted in _DECL_PRECEDENCE:
            for result in results:
                if result.shape is wanted:
                    return result
        return OTHER

    def per_instance(self, value: nodes.NodeNG | None) -> ValueShape | None:
        """The container a class-body declaration gives each instance (a traitlets
        ``Dict()``, ``field(default_factory=list)``), or None if it declares none."""
        if not isinstance(value, nodes.Call):
            return None
        qname = astutil.import_qname(value.func)
        if qname in knowledge.PER_INSTANCE_CONTAINERS:
            return ValueShape(Shape.CONTAINER, knowledge.PER_INSTANCE_CONTAINERS[qname],
                              INFERENCE, None, qname)
        if qname in knowledge.FIELD_FACTORIES:
            for keyword in value.keywords or ():
                if keyword.arg in {"default_factory", "factory"}:
                    made = astutil.import_qname(keyword.value)
                    made = knowledge.CONTAINER_ALIASES.get(made or "", made)
                    if made in knowledge.CONTAINER_TYPES:
                        return ValueShape(Shape.CONTAINER, knowledge.CONTAINER_TYPES[made],
                                          INFERENCE, None, made)
        return None

    def _annotation(self, annotation: nodes.NodeNG) -> ValueShape:
        node = annotation.value if isinstance(annotation, nodes.Subscript) else annotation
        qname = astutil.import_qname(node)
        if qname:
            qname = knowledge.CONTAINER_ALIASES.get(qname, qname)
            if qname in knowledge.CONTAINER_TYPES:
                return ValueShape(Shape.CONTAINER, knowledge.CONTAINER_TYPES[qname], INFERENCE,
                                  None, qname)
            if qname in _TYPING_CONTAINERS:
                return ValueShape(Shape.CONTAINER, qname.rsplit(".", 1)[-1].lower(), INFERENCE)
        return OTHER

    def _value(self, value: nodes.NodeNG, depth: int) -> ValueShape:
        if isinstance(value, (nodes.Dict, nodes.DictComp)):
            return _DICT
        if isinstance(value, (nodes.List, nodes.ListComp)):
            return _LIST
        if isinstance(value, (nodes.Set, nodes.SetComp)):
            return _SET
        if isinstance(value, (nodes.Const, nodes.Tuple, nodes.JoinedStr, nodes.Lambda)):
            return OTHER
        if isinstance(value, (nodes.BoolOp, nodes.IfExp)) and depth < 3:
            # ``_lock or threading.Lock()``, ``a if cond else b``: the strongest operand.
            operands = (
                value.values if isinstance(value, nodes.BoolOp) else [value.body, value.orelse]
            )
            shapes = [self._value(operand, depth + 1) for operand in operands]
            for wanted in _OPERAND_PRECEDENCE:
                for shape in shapes:
                    if shape.shape is wanted:
                        return shape
            return OTHER
        if isinstance(value, nodes.BinOp) and depth < 3:
            # ``[] * n``, ``{} | other``
            left = self._value(value.left, depth + 1)
            return left if left.shape is Shape.CONTAINER else OTHER
        if isinstance(value, nodes.Name) and depth < 3:
            return self._name(value, depth)
        if isinstance(value, nodes.Await):
            value = value.value
        if not isinstance(value, nodes.Call):
            return OTHER
        return self._call(value)

    def _name(self, value: nodes.Name, depth: int) -> ValueShape:
        """What a name holds: what it was assigned, or an instance of its class for
        ``self``."""
        try:
            _, bindings = value.lookup(value.name)
        except Exception:  # pylint: disable=broad-exception-caught
            return OTHER
        for binding in bindings:
            if isinstance(binding, nodes.AssignName):
                own = _own_instance(binding)
                if own is not None:  # ``self``: an instance of its class
                    return self.of_project_class(own)
                inner = astutil.assigned_value(binding)
                if inner is not None and inner is not value:
                    return self._value(inner, depth + 1)
        return OTHER

    def _call(self, call: nodes.Call) -> ValueShape:
        """What a call creates: from the import name of the callee first, inference of
        the call only for project functions whose result the source cannot tell."""
        tables = self._knowledge
        qname = astutil.import_qname(call.func)
        if qname:
            qname = knowledge.CONTAINER_ALIASES.get(qname, qname)
            confidence = HIGH if qname.startswith("builtins.") else (
                INFERENCE if astutil.is_importable(qname) else INFERENCE_FAILURE
            )
            if qname in knowledge.CONTAINER_TYPES:
                return ValueShape(Shape.CONTAINER, knowledge.CONTAINER_TYPES[qname], confidence,
                                  None, qname)
            if qname in knowledge.MEMORY_STORES:
                return _memory_store(call, qname, confidence)
            if tables.is_resource(qname):
                return ValueShape(Shape.RESOURCE, qname.rsplit(".", 1)[-1], confidence, None,
                                  qname)
            if qname in tables.app_classes:
                return ValueShape(Shape.APP, "application object", confidence, None, qname)
        found = self._resolver.callee(call.func, Env())
        if found is not None and found[0].name == "__init__" and isinstance(found[1], SelfRef):
            return self.of_project_class(found[1].cls)
        if found is None and isinstance(call.func, nodes.Name):
            cls = self._resolver.named_callable(call.func)
            if isinstance(cls, nodes.ClassDef):  # a project class without ``__init__``
                return self.of_project_class(cls)
        name = astutil.last_name(call.func)
        if found is None:
            # A library call or a method of something the source does not tell: its name
            # is all there is (inferring it could cost more than the whole module).
            if name and knowledge.RESOURCE_NAME_RE.search(name):
                return ValueShape(Shape.RESOURCE, name, INFERENCE_FAILURE, None, qname)
            return OTHER
        inferred = astutil.infer_one(call)  # a project function: what does it return?
        if isinstance(inferred, (nodes.Dict, nodes.DictComp)):
            return ValueShape(Shape.CONTAINER, "dict", INFERENCE, None, "builtins.dict")
        if isinstance(inferred, nodes.List):
            return ValueShape(Shape.CONTAINER, "list", INFERENCE, None, "builtins.list")
        if isinstance(inferred, nodes.Set):
            return ValueShape(Shape.CONTAINER, "set", INFERENCE, None, "builtins.set")
        if isinstance(inferred, bases.Instance) and not isinstance(inferred, bases.BoundMethod):
            cls = inferred._proxied  # pylint: disable=protected-access
            if isinstance(cls, nodes.ClassDef):
                return self._of_class(cls)
        if inferred is None and name and knowledge.RESOURCE_NAME_RE.search(name):
            return ValueShape(Shape.RESOURCE, name, INFERENCE_FAILURE)
        return OTHER

    def of_project_class(self, cls: nodes.ClassDef) -> ValueShape:
        """An instance of a project class: a resource or container if a base says so."""
        tables = self._knowledge
        if cls.qname() in tables.extra_resources:
            return ValueShape(Shape.RESOURCE, cls.name, HIGH, cls, cls.qname())
        for klass in self._resolver.project.mro(cls):
            for base in klass.bases:
                qname = astutil.import_qname(base)
                if not qname:
                    continue
                qname = knowledge.CONTAINER_ALIASES.get(qname, qname)
                if qname in tables.resource_types:
                    return ValueShape(Shape.RESOURCE, cls.name, INFERENCE, cls, qname)
                if qname in knowledge.CONTAINER_TYPES:
                    return ValueShape(Shape.CONTAINER, cls.name, INFERENCE, cls, qname)
                if qname in tables.app_classes:
                    return ValueShape(Shape.APP, "application object", INFERENCE, cls, qname)
        return ValueShape(Shape.INSTANCE, f"{cls.name} instance", INFERENCE, cls, cls.qname())

    def _of_class(self, cls: nodes.ClassDef) -> ValueShape:
        """An instance of an inferred class (a library's, or the project's)."""
        tables = self._knowledge
        qnames = astutil.class_qnames(cls)
        for qname in (cls.qname(), *sorted(qnames)):
            if qname in tables.resource_types:
                return ValueShape(Shape.RESOURCE, cls.name, INFERENCE, cls, qname)
        if cls.qname() in knowledge.CONTAINER_TYPES:
            return ValueShape(Shape.CONTAINER, knowledge.CONTAINER_TYPES[cls.qname()], INFERENCE,
                              None, cls.qname())
        if qnames & tables.app_classes:
            return ValueShape(Shape.APP, "application object", INFERENCE, cls, cls.qname())
        if astutil.is_project_node(cls, self._resolver.current):
            for qname in sorted(qnames):
                if qname in knowledge.CONTAINER_TYPES:
                    return ValueShape(Shape.CONTAINER, cls.name, INFERENCE, cls, qname)
            return ValueShape(Shape.INSTANCE, f"{cls.name} instance", INFERENCE, cls, cls.qname())
        for qname in sorted(qnames):
            if qname in knowledge.CONTAINER_TYPES:
                return ValueShape(Shape.CONTAINER, knowledge.CONTAINER_TYPES[qname], INFERENCE,
                                  None, qname)
        if knowledge.RESOURCE_NAME_RE.search(cls.name):
            return ValueShape(Shape.RESOURCE, cls.name, INFERENCE, cls, cls.qname())
        return ValueShape(Shape.OTHER, cls.name, INFERENCE, cls, cls.qname())
