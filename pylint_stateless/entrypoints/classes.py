"""Classes whose methods the framework calls: views, handlers, middleware, consumers.

A class is an entry-point class when a framework's class decorator declares it (Ray
Serve's ``@serve.deployment``), when it derives from a base class a framework declares
(read from the source through the project's own classes; ancestors are inferred only
when a base comes from a framework package but is not in the tables), or when a
framework's convention says so (a class with Django's middleware protocol, a subclass
of a generated gRPC servicer).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from astroid import nodes
from pylint.interfaces import INFERENCE, INFERENCE_FAILURE, Confidence

from pylint_stateless.analysis import astutil
from pylint_stateless.entrypoints.labels import confidence_of
from pylint_stateless.entrypoints.model import EntryPoint
from pylint_stateless.frameworks.base import EntryClass, Lifetime

if TYPE_CHECKING:
    from pylint_stateless.analysis.resolver import Resolver
    from pylint_stateless.knowledge import Knowledge

EntryMatch = tuple[EntryClass, Confidence]


class Classes:
    """Entry-point classes of one linted module's analysis."""

    def __init__(self, knowledge: Knowledge, resolver: Resolver) -> None:
        self._knowledge = knowledge
        self._resolver = resolver

    def entry_points(self, cls: nodes.ClassDef, anchor: nodes.NodeNG) -> Iterator[EntryPoint]:
        """The methods of ``cls`` the framework calls."""
        match = self.entry_class(cls)
        if match is None:
            return
        spec, confidence = match
        lifetime = spec.lifetime
        if (
            lifetime is Lifetime.PER_REQUEST
            and spec.shared_if_false
            and _sets_false(cls, spec.shared_if_false)
        ):
            lifetime = Lifetime.SHARED
        for method in own_methods(cls):
            if method.type in {"classmethod", "staticmethod"}:
                continue
            if not spec.serves(method.name, lifetime):
                continue
            yield EntryPoint(
                method,
                spec.role,
                spec.label or spec.role.value,
                anchor if anchor is not cls else method,
                confidence,
                lifetime=lifetime,
                shared_self=cls if lifetime is Lifetime.SHARED else None,
            )

    def method_lifetime(
        self, func: nodes.FunctionDef
    ) -> tuple[Lifetime | None, nodes.ClassDef | None]:
        """For a decorated method: how long ``self`` lives (its class may say)."""
        cls = func.parent
        if not isinstance(cls, nodes.ClassDef):
            return None, None
        match = self.entry_class(cls)
        if match is not None and match[0].lifetime is Lifetime.SHARED:
            return Lifetime.SHARED, cls
        return Lifetime.PER_REQUEST, None

    def entry_class(self, cls: nodes.ClassDef) -> EntryMatch | None:
        """The framework decorator of ``cls``, or the framework base class it derives
        from, nearest first."""
        tables = self._knowledge
        decorated = self._decorated(cls)
        if decorated is not None:
            return decorated
        bases_ = tables.entry_bases
        framework_bases = False
        for klass in self._resolver.project.mro(cls):
            for base in klass.bases:
                qname = astutil.import_qname(base)
                if qname in bases_:
                    return bases_[qname], confidence_of(qname)
                if qname and qname.split(".", 1)[0] in tables.packages:
                    framework_bases = True
        ancestors: set[str] = set()
        if framework_bases:
            for klass in astutil.class_and_ancestors(cls):  # nearest base first
                if klass is cls:
                    continue
                qname = klass.qname()
                if qname in bases_:
                    return bases_[qname], INFERENCE
                ancestors.add(qname)
        conventions = [fw.class_convention for fw in tables.frameworks if fw.class_convention]
        if not conventions:
            return None
        names = frozenset(
            {astutil.import_qname(base) or astutil.text(base) for base in cls.bases} | ancestors
        )
        for convention in conventions:
            spec = convention(cls, names)
            if spec is not None:
                return spec, INFERENCE_FAILURE
        return None


    def _decorated(self, cls: nodes.ClassDef) -> EntryMatch | None:
        """``@serve.deployment`` or ``@serve.deployment(num_replicas=2)``: the import
        names decide, then inference."""
        tables = self._knowledge
        if cls.decorators is None or not tables.class_decorators:
            return None
        for decorator in cls.decorators.nodes:
            target = decorator.func if isinstance(decorator, nodes.Call) else decorator
            if astutil.last_name(target) not in tables.class_decorator_names:
                continue
            qname = astutil.import_qname(target)
            if qname in tables.class_decorators:
                return tables.class_decorators[qname], confidence_of(qname)
            inferred = astutil.infer_one(target)
            qname = astutil.qname_of(inferred) if inferred is not None else None
            if qname in tables.class_decorators:
                return tables.class_decorators[qname], INFERENCE
        return None


def own_methods(cls: nodes.ClassDef) -> Iterable[nodes.FunctionDef]:
    for node in cls.body:
        if isinstance(node, nodes.FunctionDef):
            yield node


def method_of(cls: nodes.ClassDef, name: str) -> nodes.FunctionDef | None:
    """The method ``name`` of ``cls`` or its nearest ancestor defining it."""
    for klass in astutil.class_and_ancestors(cls):
        for node in klass.locals.get(name, []):
            if isinstance(node, nodes.FunctionDef):
                return node
        if name in klass.locals:
            return None
    return None


def _sets_false(cls: nodes.ClassDef, attr: str) -> bool:
    for node in cls.locals.get(attr, []):
        value = astutil.assigned_value(node) if isinstance(node, nodes.AssignName) else None
        if isinstance(value, nodes.Const) and value.value is False:
            return True
    return False
