"""Base filter set: a free-text ``q`` over the model's ``search_fields``."""

from functools import reduce
from operator import or_

import django_filters
from django.db.models import Q


class BaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="搜索")
    search_fields: tuple = ()

    def search(self, queryset, name, value):
        value = value.strip()
        if not value or not self.search_fields:
            return queryset
        return queryset.filter(reduce(or_, (Q(**{f"{f}__icontains": value}) for f in self.search_fields)))
