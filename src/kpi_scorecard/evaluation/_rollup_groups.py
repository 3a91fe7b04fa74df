"""What measures are grouped by: a field of the measure, or a declared hierarchy of groups."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

__all__ = ["GROUP_FIELDS", "GroupDeclaration", "Hierarchy", "group_field"]

#: The measure fields a roll-up can group by, and the words the table layouts use for them.
GROUP_FIELDS: Mapping[str, str] = {
    "department": "department",
    "corporate_outcome": "corporate_outcome",
    "outcome": "corporate_outcome",
    "portfolio": "portfolio",
    "group": "portfolio",
    "section": "portfolio",
    "responsible_officer": "responsible_officer",
    "owner": "responsible_officer",
    "data_owner": "data_owner",
    "frequency": "frequency",
}


def group_field(name: str) -> str | None:
    """The measure field a grouping word names (``section`` is the portfolio), or None.

    >>> group_field("outcome"), group_field("section"), group_field("colour")
    ('corporate_outcome', 'portfolio', None)
    """
    return GROUP_FIELDS.get(name)


class GroupDeclaration(BaseModel):
    """One group of a hierarchy: its name and its children, measures or other groups.

    A child is a group of the hierarchy if one has that name, otherwise a measure
    reference; each is listed once. A group may have no children (it is then not rated).

    >>> GroupDeclaration(name="Safe children", children=["CSC001", "CSC002"]).children
    ('CSC001', 'CSC002')
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    name: str = Field(min_length=1)
    children: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _each_child_once(self) -> Self:
        seen: set[str] = set()
        for child in self.children:
            if child in seen:
                raise PydanticCustomError(
                    "duplicate_child",
                    "group {name} lists {child} twice",
                    {"name": repr(self.name), "child": repr(child)},
                )
            seen.add(child)
        return self


class Hierarchy(BaseModel):
    """Groups of measures and of groups, declared as data, with no cycles.

    A group may sit under several parents and a measure under several groups; no group
    may (through others) contain itself, and no two groups share a name. Build one from
    JSON (``{"groups": [{"name": ..., "children": [...]}]}``) or from a mapping of names
    to children with :meth:`from_mapping`.

    >>> tree = Hierarchy.from_mapping({
    ...     "Children": ["Safe", "Healthy"], "Safe": ["CSC001", "CSC002"], "Healthy": ["CSC010"]
    ... })
    >>> tree.roots, tree.is_group("Safe"), tree.is_group("CSC001")
    (('Children',), True, False)
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    groups: tuple[GroupDeclaration, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Self:
        names: dict[str, GroupDeclaration] = {}
        for group in self.groups:
            if group.name in names:
                raise PydanticCustomError(
                    "duplicate_group", "two groups are named {name}", {"name": repr(group.name)}
                )
            names[group.name] = group
        _refuse_cycles(names)
        return self

    @classmethod
    def from_mapping(cls, groups: Mapping[str, Iterable[str]]) -> Hierarchy:
        """A hierarchy from a mapping of each group's name to its children, in order."""
        return cls(
            groups=tuple(
                GroupDeclaration(name=name, children=tuple(children))
                for name, children in groups.items()
            )
        )

    def is_group(self, name: str) -> bool:
        """Whether ``name`` is one of the hierarchy's groups."""
        return any(group.name == name for group in self.groups)

    def group(self, name: str) -> GroupDeclaration:
        """The group with this name; raise KeyError for another."""
        for group in self.groups:
            if group.name == name:
                return group
        raise KeyError(name)

    @property
    def roots(self) -> tuple[str, ...]:
        """The groups that are no other group's child, in declaration order."""
        children = {child for group in self.groups for child in group.children}
        return tuple(group.name for group in self.groups if group.name not in children)


def _refuse_cycles(groups: Mapping[str, GroupDeclaration]) -> None:
    """Raise ``group_cycle`` naming the path, if a group contains itself through others."""
    done: set[str] = set()
    for start in groups:
        if start in done:
            continue
        # Depth first with an explicit stack, so no depth of nesting exhausts Python's.
        path: list[str] = [start]
        on_path = {start}
        stack = [iter(groups[start].children)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                finished = path.pop()
                done.add(finished)
                on_path.discard(finished)
                continue
            if child not in groups or child in done:
                continue
            if child in on_path:
                cycle = " > ".join([*path[path.index(child) :], child])
                raise PydanticCustomError(
                    "group_cycle", "groups contain themselves: {cycle}", {"cycle": cycle}
                )
            path.append(child)
            on_path.add(child)
            stack.append(iter(groups[child].children))
